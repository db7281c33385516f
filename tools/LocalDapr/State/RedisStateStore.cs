using System.Globalization;
using LocalDapr.Components;
using StackExchange.Redis;

namespace LocalDapr.State;

/// <summary>
/// <c>state.redis</c> (https://docs.dapr.io/reference/components-reference/supported-state-stores/setup-redis/): each
/// key is a hash {data, version} as Dapr's Redis store keeps it, so daprd reads what this store wrote and the other
/// way round. A transaction is one Lua script, which Redis runs atomically: it checks every ETag before it writes
/// anything. The version is a per-key counter (HINCRBY), and a TTL is the key's expiry.
/// ETags follow daprd's Redis store (components-contrib state/redis, its set and delete scripts): an ETag is compared
/// only with the version of a key that exists, so a write or delete with an ETag on a missing key succeeds; under
/// last-write concurrency the ETag is ignored; an ETag that is not an integer is invalid.
/// </summary>
public sealed class RedisStateStore : IStateStore
{
    // ARGV holds five values per key: kind (u|d), expected version ("" = none), first-write (1|0), data, ttl in ms ("" = none).
    // Answers 0 when every operation was applied, or the 1-based index of the first key whose check failed.
    private const string TransactionScript = """
        for i = 1, #KEYS do
          local at = (i - 1) * 5
          local expected = ARGV[at + 2]
          local current = redis.call('HGET', KEYS[i], 'version')
          if expected ~= '' then
            if current and current ~= expected then return i end
          elseif ARGV[at + 3] == '1' and ARGV[at + 1] == 'u' and current then
            return i
          end
        end
        for i = 1, #KEYS do
          local at = (i - 1) * 5
          if ARGV[at + 1] == 'd' then
            redis.call('DEL', KEYS[i])
          else
            redis.call('HSET', KEYS[i], 'data', ARGV[at + 4])
            redis.call('HINCRBY', KEYS[i], 'version', 1)
            if ARGV[at + 5] ~= '' then
              redis.call('PEXPIRE', KEYS[i], ARGV[at + 5])
            else
              redis.call('PERSIST', KEYS[i])
            end
          end
        end
        return 0
        """;

    private static readonly RedisValue[] HashFields = ["data", "version"];

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;

    public RedisStateStore(ComponentContext context)
    {
        var options = ConfigurationOptions.Parse(context.Required("redisHost"));
        options.User = context.Optional("redisUsername");
        options.Password = context.Optional("redisPassword");
        options.Ssl = context.Bool("enableTLS", false);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 5000;
        try
        {
            _connection = ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException e)
        {
            throw context.Error($"cannot connect to Redis at {context.Required("redisHost")}: {e.Message}");
        }

        _database = _connection.GetDatabase(context.Int("redisDB", 0));
    }

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var values = await _database.HashGetAsync(key, HashFields).WaitAsync(cancellationToken);
        return values[1].IsNull ? null : new StateEntry((byte[]?)values[0] ?? [], values[1].ToString());
    }

    public async Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        if (operations.Count == 0) return;
        var keys = new RedisKey[operations.Count];
        var arguments = new RedisValue[operations.Count * 5];
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            var etag = op.Concurrency == StateConcurrency.LastWrite ? null : op.ETag;
            // Dapr's Redis store takes only integer ETags; anything else can never match and is a client error.
            if (etag is not null && !long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new InvalidETagException(op.Key, etag);
            keys[i] = op.Key;
            arguments[i * 5] = op.Kind == StateOperationKind.Delete ? "d" : "u";
            arguments[(i * 5) + 1] = etag ?? "";
            arguments[(i * 5) + 2] = op.FirstWrite ? "1" : "0";
            arguments[(i * 5) + 3] = op.Value ?? [];
            // As in Dapr's Redis store, a TTL of zero or less means the key does not expire.
            arguments[(i * 5) + 4] = op.Ttl is { } ttl && ttl > TimeSpan.Zero
                ? ((long)Math.Ceiling(ttl.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)
                : "";
        }

        var failed = (long)await _database.ScriptEvaluateAsync(TransactionScript, keys, arguments).WaitAsync(cancellationToken);
        if (failed > 0) throw new ETagMismatchException(operations[(int)failed - 1].Key);
    }

    public async Task<IReadOnlyList<string>> KeysStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        // SCAN walks the whole key space in steps without blocking the server; the outbox calls it at start and after a
        // failed delivery only. Glob characters in the prefix are escaped.
        var pattern = System.Text.RegularExpressions.Regex.Replace(prefix, @"[\\*?\[\]]", @"\$0") + "*";
        var keys = new List<string>();
        foreach (var endpoint in _connection.GetEndPoints())
        {
            var server = _connection.GetServer(endpoint);
            if (server.IsReplica) continue;
            await foreach (var key in server.KeysAsync(_database.Database, pattern, pageSize: 500).WithCancellation(cancellationToken))
                keys.Add(key.ToString());
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync();
        _connection.Dispose();
    }
}
