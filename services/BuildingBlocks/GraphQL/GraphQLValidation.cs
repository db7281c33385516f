using GraphQL.Validation;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// The validation rules every new document runs: the spec's, plus depth/complexity limits and (outside Development) no
/// introspection. <see cref="PerRequestRules"/> run again for a document from <see cref="GraphQLDocumentCache"/>: the
/// complexity limit counts list sizes from arguments such as <c>first</c>, which variables change per request.
/// </summary>
public sealed record GraphQLValidation(IReadOnlyList<IValidationRule> Rules, IReadOnlyList<IValidationRule> PerRequestRules);
