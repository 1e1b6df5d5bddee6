// Key Vault (RBAC) holding the hub's secrets; the app reads them through Key Vault references.

param name string

param location string

param tags object

@secure()
@description('Master key (base64, at least 32 bytes): seals webhook and SOAP secrets.')
param masterKey string

@secure()
@description('The first operator API key (rotate it through the admin API after the first login).')
param bootstrapAdminKey string

@secure()
@description('The OEM systems\' API key for posting decisions back.')
param bootstrapOemKey string

@secure()
@description('The credential the hub presents to the OEM warranty system.')
param oemWarrantyAuth string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource masterKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'dms-master-key'
  properties: { value: masterKey }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'dms-bootstrap-admin-key'
  properties: { value: bootstrapAdminKey }
}

resource oemKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'dms-bootstrap-oem-key'
  properties: { value: bootstrapOemKey }
}

resource oemAuthSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'dms-oem-warranty-auth'
  properties: { value: oemWarrantyAuth }
}

output masterKeyUri string = masterKeySecret.properties.secretUri
output adminKeyUri string = adminKeySecret.properties.secretUri
output oemKeyUri string = oemKeySecret.properties.secretUri
output oemAuthUri string = oemAuthSecret.properties.secretUri
