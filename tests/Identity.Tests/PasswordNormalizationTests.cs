using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpaceOfSport.Identity.Data;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.Identity.Users;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// NIST SP 800-63B: a password is normalized (NFKC) before it is hashed and before it is verified, so the same password
/// typed another way signs in; accounts whose hash was made of the password as typed keep signing in.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class PasswordNormalizationTests(IdentityHosts hosts)
{
    // Full-width letters and a ligature: NFKC folds both to "correct horse battery staple"-like ASCII.
    private const string FullWidth = "\uff43\uff4f\uff52\uff52\uff45\uff43\uff54 horse battery staple";
    private const string Ascii = "correct horse battery staple";
    private const string WithLigature = "e\ufb03cient horse battery staple";
    private const string LigatureFolded = "efficient horse battery staple";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_password_typed_in_another_Unicode_form_signs_in(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync(password: FullWidth);

        (await host.LoginAsync(email, Ascii)).AccessToken.Should().NotBeNullOrEmpty();
        (await host.LoginAsync(email, FullWidth)).AccessToken.Should().NotBeNullOrEmpty();
        var wrong = async () => await host.LoginAsync(email, "correct horse battery stapler");
        (await wrong.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_account_hashed_before_normalization_signs_in_and_its_hash_is_upgraded(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();
        // What the service stored before it normalized: the V3 hash of the password exactly as typed.
        var typedHash = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 }))
            .HashPassword(null!, WithLigature);
        await WithDatabaseAsync(host, db => db.Users.Where(u => u.NormalizedEmail == User.Normalize(email))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, typedHash)));

        (await host.LoginAsync(email, WithLigature)).AccessToken.Should().NotBeNullOrEmpty();

        var upgraded = await WithDatabaseAsync(host, db => db.Users.Where(u => u.NormalizedEmail == User.Normalize(email)).Select(u => u.PasswordHash).SingleAsync());
        upgraded.Should().NotBe(typedHash);
        (await host.LoginAsync(email, LigatureFolded)).AccessToken.Should().NotBeNullOrEmpty("the upgraded hash is of the NFKC form");
    }

    [Fact]
    public async Task A_password_change_to_only_whitespace_is_refused_naming_the_rule()
    {
        var host = hosts[TestDatabases.Sqlite];
        var email = await host.RegisterAsync();
        using var http = host.AuthorizedHttp((await host.LoginAsync(email)).AccessToken);

        var response = await http.PostAsJsonAsync("/api/users/me/password", new { currentPassword = IdentityHost.GoodPassword, newPassword = new string(' ', 16) });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("only-whitespace");
    }

    private static async Task<T> WithDatabaseAsync<T>(IdentityHost host, Func<IdentityDbContext, Task<T>> work)
    {
        await using var scope = host.Service.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
    }
}
