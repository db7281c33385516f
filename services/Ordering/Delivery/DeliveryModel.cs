using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Ordering.Delivery;

public static class DeliveryModel
{
    /// <summary>Tables <c>shipments</c> and <c>processed_delivery_messages</c> in ordering's database.</summary>
    public static ModelBuilder AddDeliveryModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Shipment>(shipment =>
        {
            shipment.ToTable("shipments");
            shipment.HasKey(s => s.Id);
            shipment.Property(s => s.Id).ValueGeneratedNever();
            shipment.HasIndex(s => new { s.OrderId, s.TrackingNumber }).IsUnique();
            shipment.Property(s => s.Carrier).HasMaxLength(DeliveryValidation.MaxCarrierLength);
            shipment.Property(s => s.TrackingNumber).HasMaxLength(DeliveryValidation.MaxTrackingNumberLength);
            shipment.Property(s => s.TrackingUrl).HasMaxLength(DeliveryValidation.MaxTrackingUrlLength);
        });
        modelBuilder.Entity<ProcessedDeliveryMessage>(message =>
        {
            message.ToTable("processed_delivery_messages");
            message.HasKey(m => m.MessageId);
            message.Property(m => m.MessageId).HasMaxLength(DeliveryValidation.MaxMessageIdLength);
            message.Property(m => m.Type).HasMaxLength(40);
            message.Property(m => m.ReceivedVia).HasMaxLength(10);
        });
        return modelBuilder;
    }
}
