namespace SpaceOfSport.BuildingBlocks.Grpc;

public static class GrpcReflection
{
    /// <summary>
    /// gRPC server reflection (for grpcurl and IDEs), mapped where it tells no stranger anything: in Development, or
    /// behind the app API token, which only the sidecar holds. Anywhere else it is not served at all, so a caller who
    /// reached the port cannot list every method and message to aim at.
    /// </summary>
    public static WebApplication MapGrpcReflectionWhereProtected(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServiceDefaultsOptions>();
        var behindToken = app.Services.GetRequiredService<AppApiToken>().IsConfigured && !options.BrowserFacing;
        if (app.Environment.IsDevelopment() || behindToken) app.MapGrpcReflectionService();
        return app;
    }
}
