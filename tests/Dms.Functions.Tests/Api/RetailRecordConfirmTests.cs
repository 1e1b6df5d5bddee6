using System.Net;
using Azure.Data.Tables;

namespace Dms.Functions.Tests.Api;

/// <summary>
/// A VIN's retail record (the reservation an accepted RDR holds) is confirmed by the first coverage check that finds
/// the RDR stored, not by the RDR's intake (a write per RDR saved); the claim sees the same warranty start either way.
/// </summary>
public sealed class RetailRecordConfirmTests(RetailRecordConfirmTests.Fixture fixture) : IClassFixture<RetailRecordConfirmTests.Fixture>
{
    [Fact]
    public async Task Rdr_RetailRecordUnconfirmedAtIntake_ClaimCovered_RecordConfirmedByItsCheck_SecondClaimCoveredToo()
    {
        using var dealer = await DealerSession.StartAsync(fixture.Hub);
        var vin = await dealer.RetailAsync();
        var atIntake = await fixture.RetailRecordAsync(vin);

        var (first, body) = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin));
        var afterClaim = await fixture.RetailRecordAsync(vin);
        var (second, _) = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin));

        Assert.True(first == HttpStatusCode.Accepted, body.ToJsonString());
        Assert.Equal((false, true, HttpStatusCode.Accepted), (atIntake.GetBoolean("Confirmed"), afterClaim.GetBoolean("Confirmed"), second));
        Assert.Equal(atIntake.GetString("Data"), afterClaim.GetString("Data"));
    }

    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        private string _prefix = "";

        public async Task<TableEntity> RetailRecordAsync(string vin)
        {
            var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(_prefix + "reservations");
            return (await table.GetEntityAsync<TableEntity>("vin|" + vin, "retail@vin|" + vin)).Value;
        }

        protected override void Configure(Dictionary<string, string?> settings) => _prefix = settings["Dms:Storage:TablePrefix"]!;
    }
}
