namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// Puts the service defaults at the head of the pipeline, ahead of anything the app adds, so every error becomes a
/// problem details answer and no request reaches the app without the checks: exception handler, status code pages,
/// the app API token, then CloudEvents unwrapping.
/// </summary>
internal sealed class ServiceDefaultsStartupFilter(ServiceDefaultsOptions options, AppApiToken appApiToken) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (appApiToken.IsConfigured) app.UseMiddleware<DaprAppApiTokenMiddleware>();
        if (!options.BrowserFacing) app.UseCloudEvents();
        next(app);
    };
}
