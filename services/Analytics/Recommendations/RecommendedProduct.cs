namespace SpaceOfSport.Analytics.Recommendations;

/// <summary>A product to show, its score (higher first) and why: <c>bought-together</c>, <c>for-you</c> or <c>best-seller</c>.</summary>
public sealed record RecommendedProduct(Guid ProductId, double Score, string Reason);
