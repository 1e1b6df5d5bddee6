// Service Bus: one queue per kind of work item, with duplicate detection (a work message's MessageId is stable, so a
// re-sent message is dropped) and dead-lettering after maxDeliveryCount (the hub lists and replays those).

param name string

param location string

param tags object

@description('Kinds of work items; each gets the queue <queuePrefix><kind>.')
param workKinds array

param queuePrefix string

@minValue(1)
@maxValue(100)
param maxDeliveryCount int

@description('How long Service Bus remembers MessageIds to drop duplicates (ISO 8601).')
param duplicateDetectionWindow string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [for kind in workKinds: {
  parent: namespace
  name: '${queuePrefix}${kind}'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    deadLetteringOnMessageExpiration: true
    maxDeliveryCount: maxDeliveryCount
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P14D'
    maxSizeInMegabytes: 1024
    enablePartitioning: false
    requiresSession: false
  }
}]

output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output queueNames array = [for (kind, i) in workKinds: queues[i].name]
