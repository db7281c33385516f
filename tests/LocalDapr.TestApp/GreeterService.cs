using Grpc.Core;

namespace LocalDapr.TestApp;

public sealed class GreeterService(AppIdentity identity) : Greeter.GreeterBase
{
    public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
        Task.FromResult(new HelloReply { Message = $"hello {request.Name} from {identity.AppId} over gRPC" });
}
