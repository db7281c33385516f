using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Identity.Auth;
using SpaceOfSport.Identity.Keys;
using SpaceOfSport.Identity.Roles;
using SpaceOfSport.Identity.Users;

namespace SpaceOfSport.Identity.Data;

/// <summary>
/// Users, roles, refresh tokens, lockout counters, self-generated signing keys and the outbox. One subclass per
/// provider (<see cref="SqliteIdentityDbContext"/>, <see cref="PostgresIdentityDbContext"/>), each with its migrations.
/// </summary>
public abstract class IdentityDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Address> Addresses => Set<Address>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<LoginFailures> LoginFailures => Set<LoginFailures>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).ValueGeneratedNever(); // UUIDv7 from the code
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.NormalizedEmail).HasMaxLength(254);
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
            user.Property(u => u.PasswordHash).HasMaxLength(256);
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.Phone).HasMaxLength(16);
            user.Property(u => u.Locale).HasMaxLength(16);
            user.ComplexProperty(u => u.Communication);
            user.ComplexProperty(u => u.Sizes, sizes =>
            {
                sizes.Property(s => s.Shoe).HasMaxLength(16);
                sizes.Property(s => s.Apparel).HasMaxLength(16);
            });
            user.HasMany(u => u.Addresses).WithOne().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            user.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Address>(address =>
        {
            address.ToTable("addresses");
            address.HasKey(a => a.Id);
            address.Property(a => a.Id).ValueGeneratedNever();
            address.Property(a => a.Recipient).HasMaxLength(200);
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.Region).HasMaxLength(100);
            address.Property(a => a.Country).HasMaxLength(2);
        });

        modelBuilder.Entity<Role>(role =>
        {
            role.ToTable("roles");
            role.HasKey(r => r.Name);
            role.Property(r => r.Name).HasMaxLength(64);
            role.Property(r => r.Description).HasMaxLength(500);
        });

        modelBuilder.Entity<UserRole>(userRole =>
        {
            userRole.ToTable("user_roles");
            userRole.HasKey(r => new { r.UserId, r.RoleName });
            userRole.Property(r => r.RoleName).HasMaxLength(64);
            userRole.HasOne<Role>().WithMany().HasForeignKey(r => r.RoleName).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => t.UserId);
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LoginFailures>(failures =>
        {
            failures.ToTable("login_failures");
            failures.HasKey(f => f.NormalizedEmail);
            failures.Property(f => f.NormalizedEmail).HasMaxLength(254);
        });

        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.KeyId);
            key.Property(k => k.KeyId).HasMaxLength(64);
        });

        modelBuilder.AddOutbox();
    }
}
