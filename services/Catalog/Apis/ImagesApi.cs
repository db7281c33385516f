using SpaceOfSport.Catalog.Images;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>GET /images/products/{name}.svg: the seed's generated product pictures (cacheable forever: same name, same picture).</summary>
public static class ImagesApi
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/images/products/{file}", (string file, HttpContext context) =>
        {
            var name = file.EndsWith(".svg", StringComparison.Ordinal) ? file[..^4] : file;
            if (!ProductImage.IsValidName(name))
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No image '{file}'.");
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(ProductImage.Svg(name), "image/svg+xml");
        }).WithTags("Images");
        return app;
    }
}
