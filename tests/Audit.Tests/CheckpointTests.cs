using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using SpaceOfSport.Audit.Tests.Infrastructure;
using SpaceOfSport.Contracts.Audit.V1;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Audit.Tests;

public sealed class CheckpointTests(AuditHosts hosts) : IClassFixture<AuditHosts>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_head_is_signed_each_interval_with_ES256_and_an_auditor_can_check_the_signature(string provider)
    {
        var host = hosts[provider];
        var entry = await host.AsPayments.AppendNewAsync();

        var checkpoint = await host.CheckpointAtAsync(entry.Sequence);

        var parts = checkpoint.Jws.Split('.');
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(checkpoint.PublicKeyPem);
        publicKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue();
        host.CheckpointKey.ExportSubjectPublicKeyInfoPem().Should().Be(checkpoint.PublicKeyPem, "the key is the one in the secret store");
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        header.RootElement.GetProperty("alg").GetString().Should().Be("ES256");
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        payload.RootElement.GetProperty("sequence").GetInt64().Should().Be(checkpoint.Sequence);
        payload.RootElement.GetProperty("headHash").GetString().Should().Be(checkpoint.HeadHash);
        var signed = await host.Auditor.QueryAsync(new QueryRequest { PageToken = $"{checkpoint.Sequence - 1}", PageSize = 1 });
        signed.Entries.Single().Hash.Should().Be(checkpoint.HeadHash);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_checks_the_checkpoints_in_its_range(string provider)
    {
        var host = hosts[provider];
        var entry = await host.AsPayments.AppendNewAsync();
        await host.CheckpointAtAsync(entry.Sequence);

        var verdict = await host.Auditor.VerifyAllAsync();

        verdict.Ok.Should().BeTrue(verdict.Reason);
        verdict.CheckpointsChecked.Should().BePositive();
        verdict.EntriesChecked.Should().Be(verdict.HeadSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GetCheckpoint_gives_the_newest_checkpoint_at_or_before_the_sequence_asked_for(string provider)
    {
        var host = hosts[provider];
        var older = await host.CheckpointAtAsync((await host.AsPayments.AppendNewAsync()).Sequence);
        var newer = await host.CheckpointAtAsync((await host.AsPayments.AppendNewAsync()).Sequence);

        var beforeNewer = await host.Auditor.GetCheckpointAsync(new GetCheckpointRequest { AtOrBeforeSequence = newer.Sequence - 1 });
        var newest = await host.Auditor.GetCheckpointAsync(new GetCheckpointRequest());
        var negative = async () => await host.Auditor.GetCheckpointAsync(new GetCheckpointRequest { AtOrBeforeSequence = -1 });

        beforeNewer.Checkpoint.Should().Be(older);
        newest.Checkpoint.Should().Be(newer);
        (await negative.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }
}
