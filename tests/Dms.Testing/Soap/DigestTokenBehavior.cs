using System.Globalization;
using System.Security.Cryptography;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Dispatcher;

namespace Dms.Testing.Soap;

/// <summary>Adds a PasswordDigest UsernameToken to every call; tests can pin the nonce and the Created time.</summary>
public sealed class DigestTokenBehavior(string username, string password) : IEndpointBehavior, IClientMessageInspector
{
    public byte[]? FixedNonce { get; set; }

    public DateTimeOffset? FixedCreated { get; set; }

    public object? BeforeSendRequest(ref Message request, IClientChannel channel)
    {
        var nonce = FixedNonce ?? RandomNumberGenerator.GetBytes(16);
        var created = (FixedCreated ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        request.Headers.Add(new UsernameTokenHeader(username, password, nonce, created));
        return null;
    }

    public void AfterReceiveReply(ref Message reply, object correlationState)
    {
    }

    public void ApplyClientBehavior(ServiceEndpoint endpoint, ClientRuntime clientRuntime) => clientRuntime.ClientMessageInspectors.Add(this);

    public void AddBindingParameters(ServiceEndpoint endpoint, BindingParameterCollection bindingParameters)
    {
    }

    public void ApplyDispatchBehavior(ServiceEndpoint endpoint, EndpointDispatcher endpointDispatcher)
    {
    }

    public void Validate(ServiceEndpoint endpoint)
    {
    }
}
