using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.Data;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>
/// /api/categories: a tree of at most <see cref="Category.MaxLevels"/> levels kept as materialized paths (a move rewrites
/// the subtree's paths).
/// </summary>
public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/categories").WithTags("Categories");
        api.MapGet("/", ListAsync).WithName("ListCategories").WithSummary("A page of categories, flat.");
        api.MapGet("/tree", TreeAsync).WithName("GetCategoryTree").WithSummary("The whole category tree, roots first, children in their sort order.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetCategory").WithSummary("One category; the ETag is its version.");
        api.MapGet("/{id:guid}/breadcrumbs", BreadcrumbsAsync).WithName("GetCategoryBreadcrumbs").WithSummary("The path from the root down to the category.");
        api.MapPost("/", CreateAsync).RequirePermission(Permissions.CatalogWrite).WithName("CreateCategory")
            .WithSummary($"Creates a category at the root or under parentId (at most {Category.MaxLevels} levels deep).");
        api.MapPut("/{id:guid}", UpdateAsync).RequirePermission(Permissions.CatalogWrite).WithName("UpdateCategory")
            .WithSummary("Renames a category (its place in the tree changes through move); needs If-Match.");
        api.MapPost("/{id:guid}/move", MoveAsync).RequirePermission(Permissions.CatalogWrite).WithName("MoveCategory")
            .WithSummary("Moves a category and its subtree under another parent (or the root) at a position; needs If-Match.");
        api.MapPost("/{id:guid}/reorder", ReorderAsync).RequirePermission(Permissions.CatalogWrite).WithName("ReorderCategory")
            .WithSummary("Moves a category to a position among its siblings; needs If-Match.");
        api.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.CatalogWrite).WithName("DeleteCategory")
            .WithSummary("Deletes a category without subcategories or products; needs If-Match.");
        return app;
    }

    public static async Task<Results<Ok<Page<CategoryResponse>>, ValidationProblem>> ListAsync(CatalogDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = Cursor.Validate(cursor, limit, out var after, out var take);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = db.Categories.AsNoTracking();
        if (after is not null) query = query.Where(c => c.Id > after.Value);
        var categories = await query.OrderBy(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = categories.Take(take).Select(CategoryResponse.From).ToList();
        return TypedResults.Ok(new Page<CategoryResponse>(page, categories.Count > take ? Cursor.Encode(page[^1].Id) : null));
    }

    public static async Task<Ok<List<CategoryTreeNode>>> TreeAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().ToListAsync(cancellationToken);
        var children = all.ToLookup(c => c.ParentId);
        CategoryTreeNode Node(Category category) =>
            new(category.Id, category.Name, category.Slug, [.. children[category.Id].OrderBy(c => c.SortOrder).Select(Node)]);
        return TypedResults.Ok(children[null].OrderBy(c => c.SortOrder).Select(Node).ToList());
    }

    public static async Task<Results<Ok<CategoryResponse>, NotFoundProblem>> GetAsync(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    public static async Task<Results<Ok<List<CategoryResponse>>, NotFoundProblem>> BreadcrumbsAsync(Guid id, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        var ancestorIds = AncestorIds(category.Path);
        var ancestors = await db.Categories.AsNoTracking().Where(c => ancestorIds.Contains(c.Id)).ToListAsync(cancellationToken);
        return TypedResults.Ok(ancestors.OrderBy(c => c.Depth).Select(CategoryResponse.From).ToList());
    }

    public static async Task<Results<Created<CategoryResponse>, ValidationProblem, ConflictProblem, PreconditionProblem, BusinessRuleProblem>> CreateAsync(
        CategoryRequest request, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var validation = new Validation().Required("name", request.Name, 100).Slug("slug", request.Slug);
        Category? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Categories.FirstOrDefaultAsync(c => c.Id == parentId, cancellationToken);
            if (parent is null) validation.Add("parentId", "names no category");
        }

        if (!validation.IsValid) return validation.Problem();
        if (parent is not null && parent.Depth + 1 >= Category.MaxLevels) return TooDeep(parent.Depth + 2);
        if (await db.Categories.AnyAsync(c => c.Slug == request.Slug, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        var siblings = await db.Categories.CountAsync(c => c.ParentId == request.ParentId, cancellationToken);
        var category = new Category { Name = request.Name!, Slug = request.Slug!, ParentId = parent?.Id, SortOrder = siblings };
        category.Path = Category.PathOf(parent?.Path, category.Id);
        category.Depth = parent is null ? 0 : parent.Depth + 1;
        db.Categories.Add(category);
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Created($"/api/categories/{category.Id}", CategoryResponse.From(category));
    }

    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> UpdateAsync(
        Guid id, CategoryRequest request, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        if (ETags.Precondition(context, category.Version) is { } failed) return failed;
        var validation = new Validation().Required("name", request.Name, 100).Slug("slug", request.Slug);
        if (!validation.IsValid) return validation.Problem();
        if (await db.Categories.AnyAsync(c => c.Slug == request.Slug && c.Id != id, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        category.Name = request.Name!;
        category.Slug = request.Slug!;
        category.Version++;
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem, BusinessRuleProblem>> MoveAsync(
        Guid id, CategoryMoveRequest request, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
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
            return new ConflictProblem("Cycle", "A category cannot move under itself or one of its descendants.");
        }

        var deepestBelow = await db.Categories.Where(c => c.Path.StartsWith(category.Path)).MaxAsync(c => c.Depth, cancellationToken) - category.Depth;
        var newDepth = parent is null ? 0 : parent.Depth + 1;
        if (newDepth + deepestBelow >= Category.MaxLevels) return TooDeep(newDepth + deepestBelow + 1);

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
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        await transaction.CommitAsync(cancellationToken);
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> ReorderAsync(
        Guid id, CategoryReorderRequest request, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        if (ETags.Precondition(context, category.Version) is { } failed) return failed;
        var validation = new Validation().Check(request.Position is >= 0, "position", "is required and must be ≥ 0");
        if (!validation.IsValid) return validation.Problem();
        var siblings = await Siblings(db, category.ParentId, id, cancellationToken);
        siblings.Insert(Math.Min(request.Position!.Value, siblings.Count), category);
        Renumber(siblings);
        category.Version++;
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        index.EverythingChanged();
        ETags.Set(context, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    public static async Task<Results<NoContent, NotFoundProblem, PreconditionProblem, ConflictProblem>> DeleteAsync(Guid id, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null) return ProductsApi.NotFound("category", id);
        if (ETags.Precondition(context, category.Version) is { } failed) return failed;
        if (await db.Categories.AnyAsync(c => c.ParentId == id, cancellationToken) || await db.Products.AnyAsync(p => p.CategoryId == id, cancellationToken))
        {
            return new ConflictProblem("Category in use", "Move or delete its subcategories and products first.");
        }

        db.Categories.Remove(category);
        var siblings = await Siblings(db, category.ParentId, id, cancellationToken);
        Renumber(siblings);
        if (await Conflicts.SaveAsync(db, "category", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        index.EverythingChanged();
        return TypedResults.NoContent();
    }

    /// <summary>422: the tree would get more than <see cref="Category.MaxLevels"/> levels.</summary>
    private static BusinessRuleProblem TooDeep(int levels) =>
        new("Category tree too deep", $"The tree would have {levels} levels; at most {Category.MaxLevels} are allowed.",
            new Dictionary<string, object?> { ["maxLevels"] = Category.MaxLevels });

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
