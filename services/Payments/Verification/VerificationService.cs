using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Contracts.Payments.V1;
using SpaceOfSport.Payments.Data;

namespace SpaceOfSport.Payments.Verification;

/// <summary>
/// <c>spaceofsport.payments.v1.Verification</c>: what Stripe last reported about an order's payment. Amounts and states
/// of other people's payments are nobody else's business: only <see cref="CallerAppIds"/> may ask
/// (<c>RequireCallerApp</c> where Program.cs maps it).
/// </summary>
public sealed class VerificationService(PaymentsDbContext db) : SpaceOfSport.Contracts.Payments.V1.Verification.VerificationBase
{
    /// <summary>Ordering, before it ships (an auditors' app joins the list when one calls it).</summary>
    public static readonly string[] CallerAppIds = ["ordering"];

    public override async Task<VerifyPaymentResponse> VerifyPayment(VerifyPaymentRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.OrderId, out var orderId)) throw new RpcException(new Status(StatusCode.InvalidArgument, "order_id must be a UUID"));
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == orderId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"order {orderId} has no payment"));
        return new VerifyPaymentResponse
        {
            OrderId = payment.OrderId.ToString(),
            PaymentIntentId = payment.PaymentIntentId,
            Amount = payment.Amount,
            Currency = payment.Currency,
            Status = payment.Status,
            AmountReceived = payment.AmountReceived,
            AmountRefunded = payment.AmountRefunded,
            LastUpdate = Timestamp.FromDateTimeOffset(payment.SyncedAt),
        };
    }
}
