// Dms in Azure: the hub as an Azure Functions custom handler on Elastic Premium (Linux), work on Service Bus queues,
// state in Table Storage, secrets in Key Vault, telemetry in Application Insights. Deploy with
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
// then zip-deploy the package from ./dms publish (README: Deploy to Azure).

targetScope = 'resourceGroup'

@description('Short name for the deployment; resource names derive from it.')
@minLength(2)
@maxLength(10)
param name string = 'dms'

@description('Environment suffix: prod, test, ...')
@minLength(2)
@maxLength(8)
param environmentName string = 'prod'

param location string = resourceGroup().location

@allowed(['EP1', 'EP2', 'EP3'])
param planSku string = 'EP1'

@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int = 20

@description('Deliveries of one message before Service Bus dead-letters it (the hub lists dead letters for replay).')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int = 10

@description('How long Service Bus drops a repeated MessageId (ISO 8601 duration).')
param duplicateDetectionWindow string = 'PT10M'

@description('The OEM warranty system that receives claims (HTTPS).')
param oemWarrantyUrl string

@description('HQ reporting, which receives retail delivery reports (HTTPS).')
param hqReportingUrl string

@description('The address dealers call (https://dms.example.com), advertised in the SOAP WSDL; empty for the app\'s own https://<app>.azurewebsites.net.')
param publicBaseUrl string = ''

@secure()
@minLength(44)
@description('Master key, base64 of at least 32 random bytes (openssl rand -base64 32).')
param masterKey string

@secure()
@minLength(24)
param bootstrapAdminKey string

@secure()
@minLength(24)
param bootstrapOemKey string

@secure()
@minLength(16)
param oemWarrantyAuth string

var baseName = '${name}-${environmentName}'
var unique = uniqueString(resourceGroup().id, baseName)
var tags = { application: 'dms', environment: environmentName }
var queuePrefix = 'dms-'
var workKinds = ['route', 'deliver', 'notify', 'effect', 'timer', 'batch']
var appName = '${baseName}-${take(unique, 6)}'
var insightsName = '${baseName}-insights'
var storageName = take('${replace(name, '-', '')}${unique}', 24)
var serviceBusName = '${baseName}-${unique}'
var vaultName = take('${name}-kv-${unique}', 24)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { name: baseName, insightsName: insightsName, location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageName
    location: location
    tags: tags
    contentShareName: appName
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: serviceBusName
    location: location
    tags: tags
    workKinds: workKinds
    queuePrefix: queuePrefix
    maxDeliveryCount: maxDeliveryCount
    duplicateDetectionWindow: duplicateDetectionWindow
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: vaultName
    location: location
    tags: tags
    masterKey: masterKey
    bootstrapAdminKey: bootstrapAdminKey
    bootstrapOemKey: bootstrapOemKey
    oemWarrantyAuth: oemWarrantyAuth
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [serviceBus]
  params: {
    name: appName
    location: location
    tags: tags
    planSku: planSku
    maximumElasticWorkerCount: maximumElasticWorkerCount
    storageAccountName: storageName
    contentShareName: appName
    tableEndpoint: storage.outputs.tableEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    serviceBusNamespace: serviceBusName
    queuePrefix: queuePrefix
    insightsConnectionString: monitoring.outputs.connectionString
    masterKeyUri: keyVault.outputs.masterKeyUri
    adminKeyUri: keyVault.outputs.adminKeyUri
    oemKeyUri: keyVault.outputs.oemKeyUri
    oemAuthUri: keyVault.outputs.oemAuthUri
    oemWarrantyUrl: oemWarrantyUrl
    hqReportingUrl: hqReportingUrl
    publicBaseUrl: publicBaseUrl
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    appName: appName
    principalId: functionApp.outputs.principalId
    storageAccountName: storageName
    serviceBusNamespace: serviceBusName
    keyVaultName: vaultName
    insightsName: insightsName
  }
}

output functionAppName string = functionApp.outputs.name
output hubUrl string = 'https://${functionApp.outputs.defaultHostName}'
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output workQueues array = serviceBus.outputs.queueNames
output keyVaultName string = vaultName
output storageAccountName string = storageName
