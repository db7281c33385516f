namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>An amount in minor units of an ISO 4217 currency.</summary>
public sealed record Money(long AmountMinor, string Currency);
