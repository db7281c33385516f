namespace SpaceOfSport.Ordering.Orders;

/// <summary>The last order number handed out in a year (numbers restart at 1 each year: <c>SOS-2026-000001</c>).</summary>
public sealed class OrderNumberCounter
{
    public int Year { get; init; }

    public long Last { get; set; }
}
