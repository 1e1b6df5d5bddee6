using System.ServiceModel;
using Dms.Testing.Soap.Contract;
using Dms.Testing.Soap;

namespace Dms.DealerSimulator;

/// <summary>
/// A legacy dealer system: the real WCF client with a PasswordDigest UsernameToken. SOAP has no Idempotency-Key; a
/// resend of the same document is recognised by dealer and document number and answered as a replay.
/// </summary>
public sealed class SoapChannel(string url, string username, string password) : IDealerChannel
{
    private readonly ChannelFactory<IDealerService> _factory = SoapClients.PasswordDigest(url, username, password).Factory;

    public string Name => "soap";

    public PreparedDocument Prepare(MixEntry type, string vin, bool invalid) =>
        new(type.DocumentType, Guid.NewGuid().ToString("N"), invalid, type.SoapDocument!(vin, invalid));

    public async Task<Answer> SubmitAsync(PreparedDocument document, CancellationToken cancellationToken)
    {
        // A fresh channel per call: a call that failed on the wire faults its channel.
        var service = _factory.CreateChannel();
        var channel = (IClientChannel)service;
        try
        {
            var ack = await Mix.Get(document.DocumentType).SoapSubmit!(service, document.Payload).WaitAsync(cancellationToken);
            channel.Close();
            return ack.Outcome == "Accepted"
                ? new Answer(AnswerKind.Accepted, ack.TrackingId, ack.Replayed)
                : new Answer(AnswerKind.Refused, ErrorKind: ack.Code ?? ack.Outcome);
        }
        catch (FaultException)
        {
            channel.Abort();
            return new Answer(AnswerKind.Failed, ErrorKind: "soap-fault");
        }
        catch (Exception ex) when (ex is CommunicationException or TimeoutException)
        {
            channel.Abort();
            return new Answer(AnswerKind.Failed, ErrorKind: "soap-connection", Retryable: true);
        }
    }
}
