using Grpc.Core;
using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.Audit.Tests.Infrastructure;
using SpaceOfSport.Contracts.Audit.V1;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Audit.Tests;

public sealed class LedgerAppendTests(AuditHosts hosts) : IClassFixture<AuditHosts>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_appended_entry_is_chained_to_the_one_before_it_and_its_hash_can_be_recomputed(string provider)
    {
        var host = hosts[provider];
        var first = await host.AsPayments.AppendNewAsync();
        var second = await host.AsPayments.AppendNewAsync();

        second.Sequence.Should().Be(first.Sequence + 1);
        second.PreviousHash.Should().Be(first.Hash);
        var recomputed = EntryHashing.Compute(second.PreviousHash, EntryHashing.CanonicalContent(second.Sequence, second.RecordedAt.ToDateTimeOffset(),
            second.Actor, second.Action, second.Subject, second.BeforeDigest, second.AfterDigest, second.SourceEventId));
        recomputed.Should().Be(second.Hash);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_same_source_event_id_appended_twice_is_one_entry(string provider)
    {
        var host = hosts[provider];
        var request = LedgerCalls.NewAppend();

        var first = await host.AsPayments.AppendAsync(request);
        var retry = await host.AsPayments.AppendAsync(request);

        first.AlreadyRecorded.Should().BeFalse();
        retry.AlreadyRecorded.Should().BeTrue();
        retry.Entry.Should().Be(first.Entry);
        var recorded = await host.Auditor.QueryAsync(new QueryRequest { Subject = request.Subject });
        recorded.Entries.Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_appends_keep_one_chain_with_gapless_sequence_numbers(string provider)
    {
        var host = hosts[provider];

        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => host.AsPayments.AppendNewAsync())));

        appended.Select(e => e.Sequence).Should().OnlyHaveUniqueItems();
        var chain = await host.Auditor.AllEntriesAsync();
        chain.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, chain.Count).Select(i => (long)i));
        for (var i = 1; i < chain.Count; i++) chain[i].PreviousHash.Should().Be(chain[i - 1].Hash, $"entry {chain[i].Sequence} follows entry {chain[i - 1].Sequence}");
        chain.Select(e => e.PreviousHash).Should().OnlyHaveUniqueItems("two entries after the same one would be a fork");
        (await host.Auditor.VerifyAllAsync()).Ok.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_app_not_listed_as_an_appender_is_refused(string provider)
    {
        var host = hosts[provider];

        var fromStorefront = async () => await host.AsStorefront.AppendAsync(LedgerCalls.NewAppend());
        var direct = async () => await host.Auditor.AppendAsync(LedgerCalls.NewAppend());

        (await fromStorefront.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await direct.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_malformed_append_is_refused_naming_the_field(string provider)
    {
        var host = hosts[provider];
        var request = LedgerCalls.NewAppend();
        request.AfterDigest = "not-a-digest";

        var append = async () => await host.AsPayments.AppendAsync(request);

        var refusal = (await append.Should().ThrowAsync<RpcException>()).Which;
        refusal.StatusCode.Should().Be(StatusCode.InvalidArgument);
        refusal.Trailers.GetValue(LedgerGrpcService.FieldTrailer).Should().Be("after_digest");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reading_needs_a_token_with_audit_read(string provider)
    {
        var host = hosts[provider];
        var anonymous = host.ClientWithToken(null);
        var customer = host.ClientWithToken(host.Identity.IssueToken($"{Guid.NewGuid()}"));

        var withoutToken = async () => await anonymous.VerifyAsync(new VerifyRequest());
        var withoutPermission = async () => await customer.QueryAsync(new QueryRequest());

        (await withoutToken.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        (await withoutPermission.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Query_filters_by_actor_subject_action_and_time_and_pages_in_sequence_order(string provider)
    {
        var host = hosts[provider];
        var actor = $"user:{Guid.NewGuid()}";
        var appended = new List<Entry>();
        for (var i = 0; i < 5; i++)
        {
            var request = LedgerCalls.NewAppend(action: i % 2 == 0 ? "catalog.price-changed" : "catalog.flash-sale-started");
            request.Actor = actor;
            appended.Add((await host.AsPayments.AppendAsync(request)).Entry);
        }

        var firstPage = await host.Auditor.QueryAsync(new QueryRequest { Actor = actor, PageSize = 2 });
        var secondPage = await host.Auditor.QueryAsync(new QueryRequest { Actor = actor, PageSize = 2, PageToken = firstPage.NextPageToken });
        var priceChanges = await host.Auditor.QueryAsync(new QueryRequest { Actor = actor, Action = "catalog.price-changed" });
        var bySubject = await host.Auditor.QueryAsync(new QueryRequest { Subject = appended[3].Subject });
        var inTime = await host.Auditor.QueryAsync(new QueryRequest { Actor = actor, From = appended[0].RecordedAt, To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(appended[0].RecordedAt.ToDateTimeOffset().AddMilliseconds(1)) });

        firstPage.Entries.Select(e => e.Sequence).Should().Equal(appended[0].Sequence, appended[1].Sequence);
        secondPage.Entries.Select(e => e.Sequence).Should().Equal(appended[2].Sequence, appended[3].Sequence);
        priceChanges.Entries.Select(e => e.Sequence).Should().Equal(appended[0].Sequence, appended[2].Sequence, appended[4].Sequence);
        bySubject.Entries.Should().ContainSingle().Which.Should().Be(appended[3]);
        inTime.Entries.Should().NotBeEmpty().And.OnlyContain(e => e.RecordedAt == appended[0].RecordedAt);
    }
}
