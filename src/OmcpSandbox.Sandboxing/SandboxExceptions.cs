namespace OmcpSandbox.Sandboxing;

/// <summary>The configured sandbox image is not on the Docker engine. There is no fallback image.</summary>
public sealed class SandboxImageNotFoundException(string image)
    : Exception($"The sandbox image '{image}' is not on the Docker engine. Build it with './omcp image' " +
                "(or src/OmcpSandbox.Sandboxing/image/build-image.sh) and set DOCKER_IMAGE to the tag it prints.")
{
    /// <summary>Gets the image that was not found.</summary>
    public string Image { get; } = image;
}

/// <summary>A sandbox container could not be created or did not start its interpreter.</summary>
public sealed class SandboxStartException(string message, Exception? innerException = null) : Exception(message, innerException);
