using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>/api/categories: a tree of any depth kept as materialized paths (a move rewrites the subtree's paths).</summary>
public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/categories").WithTags("Categories");
        api.MapGet("/", ListAsync);
        api.MapGet("/tree", TreeAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapGet("/{id:guid}/breadcrumbs", BreadcrumbsAsync);
        api.MapPost("/", CreateAsync).RequireAuthorization(Permissions.CatalogWrite);
        api.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permissions.CatalogWrite);
        api.MapPost("/{id:guid}/move", MoveAsync).RequireAuthorization(Permissions.CatalogWrite);
        api.MapPost("/{id:guid}/reorder", ReorderAsync).RequireAuthorization(Permissions.CatalogWrite);
        api.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permissions.CatalogWrite);
        return app;
    }

    private static async Task<IResult> ListAsync(CatalogDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = Cursor.Validate(cursor, limit, out var after, out var take);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = db.Categories.AsNoTracking();
        if (after is not null) query = query.Where(c => c.Id > after.Value);
        var categories = await query.OrderBy(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = categories.Take(take).Select(CategoryResponse.From).ToList();
        return TypedResults.Ok(new Page<CategoryResponse>(page, categories.Count > take ? Cursor.Encode(page[^1].Id) : null));
    }

    private static async Task<IResult> TreeAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().ToListAsync(cancellationToken);
        var children = all.ToLookup(c => c.ParentId);
        CategoryTreeNode Node(Category category) =>
            new(category.Id, category.Name, category.Slug, [.. children[category.Id].OrderBy(c => c.SortOrder).Select(Node)]);
        return TypedResults.Ok(children[null].OrderBy(c => c.SortOrder).Select(Node).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    private static async Task<IResult> BreadcrumbsAsync(Guid id, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        var ancestorIds = AncestorIds(category.Path);
        var ancestors = await db.Categories.AsNoTracking().Where(c => ancestorIds.Contains(c.Id)).ToListAsync(cancellationToken);
        return TypedResults.Ok(ancestors.OrderBy(c => c.Depth).Select(CategoryResponse.From).ToList());
    }

    private static async Task<IResult> CreateAsync(CategoryRequest request, CatalogDbContext db, SearchIndexUpdater index, HttpContext context, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("name", request.Name, 100).Slug("slug", request.Slug);
        Category? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Categories.FirstOrDefaultAsync(c => c.Id == parentId, cancellationToken);
            if (parent is null) validation.Add("parentId", "names no category");
        }

        if (!validation.IsValid) return validation.Problem();
        if (await db.Categories.AnyAsync(c => c.Slug == request.Slug, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        var siblings = await db.Categories.CountAsync(c => c.ParentId == request.ParentId, cancellationToken);
        var category = new Category { Name = request.Name!, Slug = request.Slug!, ParentId = parent?.Id, SortOrder = siblings };
        category.Path = Category.PathOf(parent?.Path, category.Id);
        category.Depth = parent is null ? 0 : parent.Depth + 1;
        db.Categories.Add(category);
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } conflict) return conflict;
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Created($"/api/categories/{category.Id}", CategoryResponse.From(category));
    }

    private static async Task<IResult> UpdateAsync(Guid id, CategoryRequest request, CatalogDbContext db, SearchIndexUpdater index, HttpContext context, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        if (ETags.Precondition(context, category.Version) is { } failed) return failed;
        var validation = new Validation().Required("name", request.Name, 100).Slug("slug", request.Slug);
        if (!validation.IsValid) return validation.Problem();
        if (await db.Categories.AnyAsync(c => c.Slug == request.Slug && c.Id != id, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        category.Name = request.Name!;
        category.Slug = request.Slug!;
        category.Version++;
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } conflict) return conflict;
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    private static async Task<IResult> MoveAsync(Guid id, CategoryMoveRequest request, CatalogDbContext db, SearchIndexUpdater index, HttpContext context, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        if (ETags.Precondition(context, category.Version) is { } failed) return failed;
        Category? parent = null;
        var validation = new Validation().Check(request.Position is null or >= 0, "position", "must be ≥ 0");
        if (request.ParentId is { } parentId)
        {
            parent = await db.Categories.FirstOrDefaultAsync(c => c.Id == parentId, cancellationToken);
            if (parent is null) validation.Add("parentId", "names no category");
        }

        if (!validation.IsValid) return validation.Problem();
        if (parent is not null && parent.Path.StartsWith(category.Path, StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cycle",
                detail: "A category cannot move under itself or one of its descendants.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Close the gap in the old sibling list, then open one in the new list.
        var oldSiblings = await Siblings(db, category.ParentId, id, cancellationToken);
        Renumber(oldSiblings);
        var newSiblings = category.ParentId == parent?.Id ? oldSiblings : await Siblings(db, parent?.Id, id, cancellationToken);
        var position = Math.Min(request.Position ?? newSiblings.Count, newSiblings.Count);
        newSiblings.Insert(position, category);
        Renumber(newSiblings);

        var oldPath = category.Path;
        var newPath = Category.PathOf(parent?.Path, category.Id);
        var depthShift = (parent is null ? 0 : parent.Depth + 1) - category.Depth;
        var subtree = await db.Categories.Where(c => c.Path.StartsWith(oldPath)).ToListAsync(cancellationToken);
        foreach (var node in subtree)
        {
            node.Path = newPath + node.Path[oldPath.Length..];
            node.Depth += depthShift;
        }

        category.ParentId = parent?.Id;
        category.Version++;
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } conflict) return conflict;
        await transaction.CommitAsync(cancellationToken);
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    private static async Task<IResult> ReorderAsync(Guid id, CategoryReorderRequest request, CatalogDbContext db, SearchIndexUpdater index, HttpContext context, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        if (ETags.Precondition(context, category.Version) is { } failed) return failed;
        var validation = new Validation().Check(request.Position is >= 0, "position", "is required and must be ≥ 0");
        if (!validation.IsValid) return validation.Problem();
        var siblings = await Siblings(db, category.ParentId, id, cancellationToken);
        siblings.Insert(Math.Min(request.Position!.Value, siblings.Count), category);
        Renumber(siblings);
        category.Version++;
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } conflict) return conflict;
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    private static async Task<IResult> DeleteAsync(Guid id, CatalogDbContext db, SearchIndexUpdater index, HttpContext context, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        if (ETags.Precondition(context, category.Version) is { } failed) return failed;
        if (await db.Categories.AnyAsync(c => c.ParentId == id, cancellationToken) || await db.Products.AnyAsync(p => p.CategoryId == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Category in use",
                detail: "Move or delete its subcategories and products first.");
        }

        db.Categories.Remove(category);
        var siblings = await Siblings(db, category.ParentId, id, cancellationToken);
        Renumber(siblings);
        if (await Conflicts.SaveAsync(db, "category", cancellationToken) is { } conflict) return conflict;
        index.EverythingChanged();
        return TypedResults.NoContent();
    }

    private static Task<List<Category>> Siblings(CatalogDbContext db, Guid? parentId, Guid except, CancellationToken cancellationToken) =>
        db.Categories.Where(c => c.ParentId == parentId && c.Id != except).OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);

    private static void Renumber(List<Category> siblings)
    {
        for (var i = 0; i < siblings.Count; i++) siblings[i].SortOrder = i;
    }

    /// <summary>The ids on a materialized path, root first, the node itself last.</summary>
    public static List<Guid> AncestorIds(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment => Guid.ParseExact(segment, "N"))];
}
