// Parameters for a production deployment. Secrets come from the environment of whoever deploys, never from git
// (building these parameters fails while one is missing):
//   export DMS_MASTER_KEY=$(openssl rand -base64 32) DMS_ADMIN_KEY=... DMS_OEM_KEY=... DMS_OEM_WARRANTY_AUTH=...
using './main.bicep'

param name = 'dms'
param environmentName = 'prod'
param planSku = 'EP1'
param maximumElasticWorkerCount = 20
param maxDeliveryCount = 10
param duplicateDetectionWindow = 'PT10M'
param oemWarrantyUrl = 'https://warranty.oem.example/api/claims'
param hqReportingUrl = 'https://hq.oem.example/api/retail-deliveries'
param masterKey = readEnvironmentVariable('DMS_MASTER_KEY')
param bootstrapAdminKey = readEnvironmentVariable('DMS_ADMIN_KEY')
param bootstrapOemKey = readEnvironmentVariable('DMS_OEM_KEY')
param oemWarrantyAuth = readEnvironmentVariable('DMS_OEM_WARRANTY_AUTH')
