using System.ServiceModel;
using System.ServiceModel.Channels;
using SoapCore;
using SpaceOfSport.Audit.Soap;

namespace SpaceOfSport.Audit.Apis;

public static class LedgerSoapApi
{
    /// <summary>
    /// The app's path; through the gateway, <c>/api/audit/ledger.svc</c> (the gateway's <c>/api/{app-id}/...</c> route).
    /// </summary>
    public const string Path = "/api/ledger.svc";

    /// <summary>SOAP 1.1 (<c>text/xml</c> + <c>SOAPAction</c>) and SOAP 1.2 (<c>application/soap+xml</c>) on one address, no WS-Addressing.</summary>
    public static IEndpointRouteBuilder MapLedgerSoapApi(this IEndpointRouteBuilder app)
    {
        app.UseSoapEndpoint<ILedgerSoap>(options =>
        {
            options.Path = Path;
            options.EncoderOptions =
            [
                new SoapEncoderOptions { MessageVersion = MessageVersion.Soap11, BindingName = "LedgerSoap11", PortName = "LedgerSoap11" },
                new SoapEncoderOptions { MessageVersion = MessageVersion.CreateVersion(EnvelopeVersion.Soap12, AddressingVersion.None), BindingName = "LedgerSoap12", PortName = "LedgerSoap12" },
            ];
            options.SoapSerializer = SoapSerializer.DataContractSerializer;
        });
        return app;
    }
}
