namespace LocalDapr.TestApp;

/// <summary>Which app this process is (the launcher passes APP_ID, as daprd's CLI does).</summary>
public sealed record AppIdentity(string AppId);
