using GraphQL.Validation;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>The validation rules every request runs: the spec's, plus depth/complexity limits and (outside Development) no introspection.</summary>
public sealed record GraphQLValidation(IReadOnlyList<IValidationRule> Rules);
