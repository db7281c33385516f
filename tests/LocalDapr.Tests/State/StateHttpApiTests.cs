using System.Net;
using System.Text.Json.Nodes;

namespace LocalDapr.Tests.State;

// Contract: https://docs.dapr.io/reference/api/state_api/ (HTTP), raw HTTP since the .NET SDK calls state over gRPC.
public sealed class StateHttpApiTests
{
    private const string Store = StateTestBed.StoreName;

    // https://docs.dapr.io/reference/api/state_api/#save-state and #get-state: 204 on save; 200 with the JSON value and
    // an ETag header on get; 204 for a missing key.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Saved_json_is_read_back_with_an_etag_header(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };
        var (planet, weapon) = (UniqueKey("planet"), UniqueKey("weapon"));

        var save = await http.PostAsJsonAsync($"/v1.0/state/{Store}",
            new JsonArray(new JsonObject { ["key"] = planet, ["value"] = new JsonObject { ["name"] = "Tatooine" } },
                new JsonObject { ["key"] = weapon, ["value"] = "DeathStar" }));
        save.StatusCode.Should().Be(HttpStatusCode.NoContent);

        var get = await http.GetAsync($"/v1.0/state/{Store}/{planet}");
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        ETagOf(get).Should().NotBeNullOrEmpty();
        JsonNode.Parse(await get.Content.ReadAsStringAsync())!["name"]!.GetValue<string>().Should().Be("Tatooine");
        (await http.GetStringAsync($"/v1.0/state/{Store}/{weapon}")).Should().Be("\"DeathStar\"");
        (await http.GetAsync($"/v1.0/state/{Store}/{UniqueKey("missing")}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    // https://docs.dapr.io/reference/api/state_api/#example-working-with-etags: a wrong ETag on save (body) or delete
    // (If-Match) is refused with 409; the current one is accepted; an ETag the store cannot have issued is a 400 on Redis
    // (its ETags are integers) and a 409 on the stores that compare ETags as text.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Etags_guard_saves_and_deletes(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };
        var key = UniqueKey("sampleData");
        await http.PostAsJsonAsync($"/v1.0/state/{Store}", new JsonArray(new JsonObject { ["key"] = key, ["value"] = "1" }));
        var etag = ETagOf(await http.GetAsync($"/v1.0/state/{Store}/{key}"))!;
        var stale = (long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var staleSave = await http.PostAsJsonAsync($"/v1.0/state/{Store}", new JsonArray(new JsonObject { ["key"] = key, ["value"] = "2", ["etag"] = stale }));
        staleSave.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await staleSave.Content.ReadFromJsonAsync<JsonObject>())!["errorCode"]!.GetValue<string>().Should().Be("ERR_STATE_SAVE");
        (await DeleteAsync(http, key, stale)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await DeleteAsync(http, key, "not-a-version")).StatusCode.Should().Be(backend == "redis" ? HttpStatusCode.BadRequest : HttpStatusCode.Conflict);

        var save = await http.PostAsJsonAsync($"/v1.0/state/{Store}", new JsonArray(new JsonObject { ["key"] = key, ["value"] = "2", ["etag"] = etag }));
        save.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var current = ETagOf(await http.GetAsync($"/v1.0/state/{Store}/{key}"))!;
        (await DeleteAsync(http, key, current)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.GetAsync($"/v1.0/state/{Store}/{key}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    // https://docs.dapr.io/reference/api/state_api/#state-transactions and #get-bulk-state
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task A_transaction_is_applied_and_read_back_in_bulk(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };
        var (key1, key2, missing) = (UniqueKey("key1"), UniqueKey("key2"), UniqueKey("missing"));
        await http.PostAsJsonAsync($"/v1.0/state/{Store}", new JsonArray(new JsonObject { ["key"] = key2, ["value"] = "old" }));

        var transaction = await http.PostAsJsonAsync($"/v1.0/state/{Store}/transaction", new JsonObject
        {
            ["operations"] = new JsonArray(
                new JsonObject { ["operation"] = "upsert", ["request"] = new JsonObject { ["key"] = key1, ["value"] = new JsonObject { ["qty"] = 2 } } },
                new JsonObject { ["operation"] = "delete", ["request"] = new JsonObject { ["key"] = key2 } }),
        });
        transaction.StatusCode.Should().Be(HttpStatusCode.NoContent);

        var bulk = await http.PostAsJsonAsync($"/v1.0/state/{Store}/bulk", new JsonObject { ["keys"] = new JsonArray(key1, key2, missing), ["parallelism"] = 10 });
        bulk.StatusCode.Should().Be(HttpStatusCode.OK);
        var items = (await bulk.Content.ReadFromJsonAsync<JsonArray>())!.Select(i => i!.AsObject()).ToDictionary(i => i["key"]!.GetValue<string>());
        items.Keys.Should().BeEquivalentTo([key1, key2, missing]);
        items[key1]["data"]!["qty"]!.GetValue<int>().Should().Be(2);
        items[key1]["etag"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        items[key2].ContainsKey("data").Should().BeFalse();
        items[missing].ContainsKey("data").Should().BeFalse();
    }

    // https://docs.dapr.io/reference/api/state_api/: 400 when the state store is missing; 400 for a malformed body.
    [Fact]
    public async Task An_unknown_store_or_a_malformed_body_is_a_bad_request()
    {
        await using var bed = StateTestBed.Create("in-memory");
        var app = await bed.StartAppAsync();
        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };

        var unknown = await http.GetAsync("/v1.0/state/no-such-store/key");
        var malformed = await http.PostAsync($"/v1.0/state/{Store}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var unsupported = await http.PostAsJsonAsync($"/v1.0/state/{Store}/transaction", new JsonObject
        {
            ["operations"] = new JsonArray(new JsonObject { ["operation"] = "merge", ["request"] = new JsonObject { ["key"] = "k" } }),
        });

        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["errorCode"]!.GetValue<string>().Should().Be("ERR_STATE_STORE_NOT_FOUND");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unsupported.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient http, string key, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1.0/state/{Store}/{key}");
        // daprd takes If-Match as the bare ETag it issued, which is not a quoted HTTP entity tag.
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return http.SendAsync(request);
    }

    private static string? ETagOf(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("ETag", out var values) ? values.ToString() : null;

    private static string UniqueKey(string name) => $"{name}-{Guid.NewGuid():N}";
}
