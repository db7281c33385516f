using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SpaceOfSport.BuildingBlocks.Data;

public static class SqliteConventions
{
    /// <summary>
    /// In a SQLite context's <c>ConfigureConventions</c>: SQLite cannot compare or order <see cref="DateTimeOffset"/>
    /// text, so times are stored as UTC-based binary longs, which it can.
    /// </summary>
    public static ModelConfigurationBuilder StoreTimesAsSortableIntegers(this ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        return configurationBuilder;
    }
}
