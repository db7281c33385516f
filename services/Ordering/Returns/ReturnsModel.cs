using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Ordering.Returns;

public static class ReturnsModel
{
    /// <summary>Tables <c>returns</c> and <c>return_lines</c>.</summary>
    public static ModelBuilder AddReturnsModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OrderReturn>(orderReturn =>
        {
            orderReturn.ToTable("returns");
            orderReturn.HasKey(r => r.Id);
            orderReturn.Property(r => r.Id).ValueGeneratedNever();
            orderReturn.HasIndex(r => r.OrderId);
            orderReturn.HasIndex(r => new { r.UserId, r.RequestedAt });
            orderReturn.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            orderReturn.Property(r => r.Currency).HasMaxLength(3);
            orderReturn.Property(r => r.DecidedBy).HasMaxLength(64);
            orderReturn.Property(r => r.RejectionReason).HasMaxLength(ReturnValidation.MaxNoteLength);
            orderReturn.Property(r => r.Version).IsConcurrencyToken();
            orderReturn.Ignore(r => r.HasExchange);
            orderReturn.Ignore(r => r.RefundMinor);
            orderReturn.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OrderReturnLine>(line =>
        {
            line.ToTable("return_lines");
            line.HasKey(l => new { l.ReturnId, l.LineNumber });
            line.Property(l => l.Sku).HasMaxLength(64);
            line.Property(l => l.ExchangeSku).HasMaxLength(64);
            line.Property(l => l.Reason).HasMaxLength(30);
        });
        return modelBuilder;
    }
}
