using Dms.Hub.Registry;
using Dms.Hub.WarrantyClaims;

namespace Dms.Hub.Tests.Registry;

/// <summary>The one action vocabulary: the dealer commands a status offers, with their REST link and SOAP operation.</summary>
public sealed class DocumentActionTests
{
    private static readonly WarrantyClaimType Claims = new([]);

    [Theory]
    [InlineData("Submitted", "cancel")]
    [InlineData("PendingInformation", "cancel,resubmissions")]
    [InlineData("Rejected", "cancel,resubmissions")]
    [InlineData("Denied", "appeals")]
    [InlineData("ChargedBack", "appeals")]
    [InlineData("Approved", "")]
    [InlineData("Cancelled", "")]
    public void CommandsAvailableIn_Status_OnlyDealerCommandsWithALegalTrigger(string status, string expected) =>
        Assert.Equal(expected, string.Join(',', Claims.CommandsAvailableIn(status).Select(c => c.Name)));

    [Fact]
    public void For_PendingInformation_HrefAndSoapOperationPerCommand()
    {
        var actions = DocumentAction.For(Claims, "D001-01K", "PendingInformation");

        Assert.Equal(
        [
            new DocumentAction("cancel", "Withdraw the claim before a decision.", "/api/v1/warranty-claims/D001-01K/cancel", "CancelWarrantyClaim"),
            new DocumentAction("resubmissions", "Resubmit the corrected claim after it was rejected or information was requested.", "/api/v1/warranty-claims/D001-01K/resubmissions", "ResubmitWarrantyClaim"),
        ], actions);
    }

    [Fact]
    public void OperationName_VerbPlusTypeName_NounSegmentsDeclareTheirVerb() =>
        Assert.Equal(["CancelWarrantyClaim", "ResubmitWarrantyClaim", "AppealWarrantyClaim"], Claims.Commands.Select(c => c.OperationName(Claims)));

    [Fact]
    public void OperationName_CommandOnAPartOfTheDocument_NamesThePartAfterTheType()
    {
        var parts = Dms.Hub.Tests.PartsOrders.Parts.Type();

        Assert.Equal(["CancelPartsOrder", "CancelPartsOrderBackorders", "ReceivePartsOrderShipment"], parts.Commands.Select(c => c.OperationName(parts)));
    }
}
