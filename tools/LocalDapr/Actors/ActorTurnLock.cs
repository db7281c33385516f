using LocalDapr.Sidecar;

namespace LocalDapr.Actors;

/// <summary>
/// Turn-based concurrency for one actor (https://docs.dapr.io/developing-applications/building-blocks/actors/actors-features-concepts/#turn-based-access):
/// one call, reminder or timer at a time. With reentrancy on, a call carrying the reentrancy id of the chain that holds
/// the turn enters at once (https://docs.dapr.io/developing-applications/building-blocks/actors/actor-reentrancy/).
/// </summary>
public sealed class ActorTurnLock
{
    /// <summary>The header that carries a reentrant call chain.</summary>
    public const string ReentrancyHeader = "Dapr-Reentrancy-Id";

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private string? _chain;
    private int _depth;

    public async Task<IDisposable> EnterAsync(string? reentrancyId, int maxStackDepth, CancellationToken cancellationToken)
    {
        if (reentrancyId is not null)
        {
            lock (_gate)
            {
                if (_chain == reentrancyId)
                {
                    if (_depth >= maxStackDepth)
                    {
                        throw new DaprApiException("ERR_ACTOR_REENTRANCY", Grpc.Core.StatusCode.Internal, System.Net.HttpStatusCode.InternalServerError,
                            $"maximum stack depth exceeded: reentrancy allows {maxStackDepth} nested calls");
                    }

                    _depth++;
                    return new Turn(this);
                }
            }
        }

        await _turn.WaitAsync(cancellationToken);
        lock (_gate)
        {
            _chain = reentrancyId;
            _depth = 1;
        }

        return new Turn(this);
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_depth > 0) return;
            _chain = null;
        }

        _turn.Release();
    }

    private sealed class Turn(ActorTurnLock owner) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) owner.Leave();
        }
    }
}
