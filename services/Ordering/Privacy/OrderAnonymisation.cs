using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Ordering.Data;

namespace SpaceOfSport.Ordering.Privacy;

/// <summary>
/// Identity's rule for orders of a deleted account (services/Identity/README.md, "Account deletion"): the order stays
/// (id, lines, amounts, taxes, dates, status, payment references, country and the user id pointing at no one); the
/// personal data goes: the email becomes <see cref="DeletedMarker"/>, the postal code and region are removed.
/// </summary>
public static class OrderAnonymisation
{
    public const string DeletedMarker = "deleted";

    /// <summary>
    /// Anonymises every order of <paramref name="userId"/> not yet anonymised, bumping its version (a concurrent writer
    /// holding the old one retries on the new state); the number of orders changed.
    /// </summary>
    public static Task<int> AnonymiseOrdersAsync(this OrderingDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Orders.Where(o => o.UserId == userId && (o.Email != DeletedMarker || o.PostalCode != null || o.Region != null))
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Email, DeletedMarker)
                .SetProperty(o => o.PostalCode, (string?)null)
                .SetProperty(o => o.Region, (string?)null)
                .SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);

    /// <summary>Table <c>erased_users</c>.</summary>
    public static ModelBuilder AddPrivacyModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ErasedUser>(erased =>
        {
            erased.ToTable("erased_users");
            erased.HasKey(e => e.UserId);
            erased.Property(e => e.UserId).ValueGeneratedNever();
        });
        return modelBuilder;
    }
}
