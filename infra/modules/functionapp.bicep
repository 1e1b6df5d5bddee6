// The function app: Elastic Premium on Linux, the hub as a custom handler (FUNCTIONS_WORKER_RUNTIME=custom), a
// system-assigned identity for storage, Service Bus, Key Vault and Application Insights, secrets as Key Vault references.

param name string

param location string

param tags object

@allowed(['EP1', 'EP2', 'EP3'])
param planSku string

@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int

param storageAccountName string

param contentShareName string

param tableEndpoint string

param queueEndpoint string

@description('Blob endpoint for batch files (CSV uploads and their logs).')
param blobEndpoint string

param serviceBusNamespace string

param queuePrefix string

param insightsConnectionString string

param masterKeyUri string

param adminKeyUri string

param oemKeyUri string

param oemAuthUri string

@description('The OEM warranty system that receives claims.')
param oemWarrantyUrl string

@description('HQ reporting, which receives retail delivery reports.')
param hqReportingUrl string

@description('The address dealers call; empty for the app\'s own https://<name>.azurewebsites.net. The SOAP WSDL advertises it.')
param publicBaseUrl string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'elastic'
  sku: { name: planSku, tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: maximumElasticWorkerCount
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: ''
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      functionsRuntimeScaleMonitoringEnabled: true
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        {
          name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}'
        }
        { name: 'WEBSITE_CONTENTSHARE', value: contentShareName }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: '${serviceBusNamespace}.servicebus.windows.net' }
        { name: 'Dms__Work__Transport', value: 'service-bus' }
        // The WSDL's address never comes from request headers in Azure: TLS ends at the front end, so it names https.
        { name: 'Dms__Soap__PublicBaseUrl', value: empty(publicBaseUrl) ? 'https://${name}.azurewebsites.net' : publicBaseUrl }
        { name: 'Dms__ServiceBus__FullyQualifiedNamespace', value: '${serviceBusNamespace}.servicebus.windows.net' }
        { name: 'Dms__ServiceBus__QueuePrefix', value: queuePrefix }
        { name: 'Dms__Storage__TableServiceUri', value: tableEndpoint }
        { name: 'Dms__Storage__QueueServiceUri', value: queueEndpoint }
        { name: 'Dms__Storage__BlobServiceUri', value: blobEndpoint }
        { name: 'Dms__Security__MasterKey', value: '@Microsoft.KeyVault(SecretUri=${masterKeyUri})' }
        { name: 'Dms__Security__BootstrapAdminKey', value: '@Microsoft.KeyVault(SecretUri=${adminKeyUri})' }
        { name: 'Dms__Security__BootstrapOemKey', value: '@Microsoft.KeyVault(SecretUri=${oemKeyUri})' }
        { name: 'Dms__Routing__Routes__0__DocumentType', value: 'warranty-claim' }
        { name: 'Dms__Routing__Routes__0__Destinations__0', value: 'oemwarranty' }
        { name: 'Dms__Routing__Routes__1__DocumentType', value: 'retail-delivery-report' }
        { name: 'Dms__Routing__Routes__1__Destinations__0', value: 'hqreporting' }
        { name: 'Dms__Routing__Destinations__oemwarranty__Adapter', value: 'rest' }
        { name: 'Dms__Routing__Destinations__oemwarranty__Url', value: oemWarrantyUrl }
        { name: 'Dms__Routing__Destinations__oemwarranty__AuthHeader', value: 'X-Api-Key' }
        { name: 'Dms__Routing__Destinations__oemwarranty__AuthValue', value: '@Microsoft.KeyVault(SecretUri=${oemAuthUri})' }
        { name: 'Dms__Routing__Destinations__hqreporting__Adapter', value: 'rest' }
        { name: 'Dms__Routing__Destinations__hqreporting__Url', value: hqReportingUrl }
        { name: 'Dms__Routing__Destinations__hqreporting__AuthHeader', value: 'X-Api-Key' }
        { name: 'Dms__Routing__Destinations__hqreporting__AuthValue', value: '@Microsoft.KeyVault(SecretUri=${oemAuthUri})' }
      ]
    }
  }
}

output name string = site.name
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
