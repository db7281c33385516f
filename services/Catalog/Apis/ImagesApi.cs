using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.Catalog.Images;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>GET /images/products/{name}.svg: the seed's generated product pictures (cacheable forever: same name, same picture).</summary>
public static class ImagesApi
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{ProductImage.Route}/{{file}}", GetProductImage).WithTags("Images").WithName("GetProductImage")
            .WithSummary("A generated product picture (SVG), by name: <kind>-<colour>-<number>.svg.")
            .Produces(StatusCodes.Status200OK, contentType: ProductImage.ContentType);
        return app;
    }

    public static Results<ContentHttpResult, NotFoundProblem> GetProductImage(string file, HttpContext context)
    {
        var name = file.EndsWith(".svg", StringComparison.Ordinal) ? file[..^4] : file;
        if (!ProductImage.IsValidName(name)) return new NotFoundProblem($"No image '{file}'.");
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Text(ProductImage.Svg(name), ProductImage.ContentType);
    }
}
