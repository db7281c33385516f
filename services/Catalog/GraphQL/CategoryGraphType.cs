using GraphQL;
using GraphQL.Types;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class CategoryGraphType : ObjectGraphType<CategoryNode>
{
    public CategoryGraphType()
    {
        Name = "Category";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(c => c.Source.Slug);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("depth").Resolve(c => c.Source.Depth);
        Field<CategoryGraphType>("parent").Resolve(c =>
            c.Source.ParentId is { } parentId ? Snapshot(c).Categories.GetValueOrDefault(parentId) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryGraphType>>>>("children").Resolve(c =>
            Snapshot(c).Children[c.Source.Id].OrderBy(child => child.SortOrder).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryGraphType>>>>("breadcrumbs").Description("From the root down to this category")
            .Resolve(c =>
            {
                var categories = Snapshot(c).Categories;
                return c.Source.Ancestors.Where(categories.ContainsKey).Select(id => categories[id]).ToList();
            });
    }

    private static SearchSnapshot Snapshot(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<SearchIndex>().Current;
}
