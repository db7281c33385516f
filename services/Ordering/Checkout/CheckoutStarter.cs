using Dapr.Workflow;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// Starts an order's checkout workflow (instance id = order id) unless an instance exists, so a retried request, a
/// concurrent one and the start-up sweep may all ask: one instance runs, and a finished one is never started again.
/// </summary>
public sealed class CheckoutStarter(DaprWorkflowClient workflows, IOptions<CheckoutOptions> options)
{
    /// <summary>
    /// True when this call scheduled the instance. <paramref name="justCreated"/>: the caller stored the order itself a
    /// moment ago, so no instance can exist yet and the look-up is skipped.
    /// </summary>
    public async Task<bool> EnsureStartedAsync(Guid orderId, bool justCreated, CartOwnerRef? cartOwner, CancellationToken cancellationToken)
    {
        var instanceId = orderId.ToString();
        if (!justCreated && await ExistsAsync(instanceId, cancellationToken)) return false;
        try
        {
            await workflows.ScheduleNewWorkflowAsync(nameof(CheckoutWorkflow), instanceId,
                new CheckoutInput(orderId, (int)options.Value.PaymentTimeout.TotalSeconds, cartOwner), startTime: null, cancellationToken);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another caller started it first (AlreadyExists); anything else is a start that did not happen: the same
            // request again (or the start-up sweep) starts it.
            if (!await ExistsAsync(instanceId, cancellationToken)) throw new DependencyUnavailableException(WorkflowEngine, exception);
            return false;
        }
    }

    /// <summary>The SDK answers a missing instance with a state whose <c>Exists</c> is false, never with null.</summary>
    private async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return (await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: false, cancellationToken)).Exists;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DependencyUnavailableException(WorkflowEngine, exception);
        }
    }

    /// <summary>What a 503 names when the sidecar's workflow API did not answer.</summary>
    private const string WorkflowEngine = "the workflow engine";
}
