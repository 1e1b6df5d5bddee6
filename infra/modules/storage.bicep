// The storage account: tables (the hub's system of record), blobs and queues (the Functions host), and the file
// share an Elastic Premium app keeps its content on.

@description('Globally unique, 3-24 lower-case letters and digits.')
param name string

param location string

param tags object

@description('The file share for the function app content (WEBSITE_CONTENTSHARE).')
param contentShareName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The content share of an Elastic Premium app is mounted with the account key; everything else uses the identity.
    allowSharedKeyAccess: true
    defaultToOAuthAuthentication: true
  }
}

resource files 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: files
  name: contentShareName
}

output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
output blobEndpoint string = account.properties.primaryEndpoints.blob
