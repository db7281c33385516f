using System.Net;
using System.Text;
using System.Text.Json;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Workflows;

// Contract: https://docs.dapr.io/reference/api/workflow_api/ — start, get, raise event, pause, resume, terminate and
// purge over HTTP, against workflows the app runs through Dapr.Workflow 1.19.
public sealed class WorkflowHttpApiTests
{
    [Theory]
    [InlineData("v1.0")]
    [InlineData("v1.0-beta1")]
    public async Task A_workflow_is_started_driven_and_purged_over_the_HTTP_API(string version)
    {
        await using var harness = await WorkflowHarness.StartAsync(WorkflowBackend.Sqlite);
        using var http = new HttpClient { BaseAddress = harness.Sidecar.HttpEndpoint };
        var api = $"/{version}/workflows/dapr";

        using var started = await http.PostAsync($"{api}/{nameof(ApprovalWorkflow)}/start?instanceID=http-1", Json("0"));
        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceID").GetString().Should().Be("http-1");
        await Eventually.ReturnsAsync(() => StatusAsync(http, $"{api}/http-1"), s => s == "RUNNING", because: "for the workflow to run");

        (await http.PostAsync($"{api}/http-1/pause", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await StatusAsync(http, $"{api}/http-1")).Should().Be("SUSPENDED");
        (await http.PostAsync($"{api}/http-1/resume", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await http.PostAsync($"{api}/http-1/raiseEvent/approval", Json("\"frank\""))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var completed = await Eventually.ReturnsAsync(() => http.GetFromJsonAsync<JsonElement>($"{api}/http-1"),
            w => w.GetProperty("runtimeStatus").GetString() == "COMPLETED", because: "for the workflow to complete");
        completed.GetProperty("workflowName").GetString().Should().Be(nameof(ApprovalWorkflow));
        completed.GetProperty("properties").GetProperty("dapr.workflow.output").GetString().Should().Be("\"approved by frank\"");
        completed.GetProperty("properties").GetProperty("dapr.workflow.custom_status").GetString().Should().Be("\"approved\"");

        (await http.PostAsync($"{api}/http-1/purge", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var gone = await http.GetAsync($"{api}/http-1");
        gone.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString().Should().Be("ERR_GET_WORKFLOW");
    }

    [Fact]
    public async Task A_workflow_terminated_over_HTTP_is_terminated_and_a_bad_instance_id_is_refused()
    {
        await using var harness = await WorkflowHarness.StartAsync(WorkflowBackend.Sqlite);
        using var http = new HttpClient { BaseAddress = harness.Sidecar.HttpEndpoint };

        (await http.PostAsync($"/v1.0/workflows/dapr/{nameof(ApprovalWorkflow)}/start?instanceID=http-2", Json("0"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await http.PostAsync("/v1.0/workflows/dapr/http-2/terminate", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await StatusAsync(http, "/v1.0/workflows/dapr/http-2")).Should().Be("TERMINATED");

        using var bad = await http.PostAsync($"/v1.0/workflows/dapr/{nameof(ApprovalWorkflow)}/start?instanceID=not%20valid", Json("0"));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString().Should().Be("ERR_INSTANCE_ID_INVALID");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string?> StatusAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("runtimeStatus").GetString();
}
