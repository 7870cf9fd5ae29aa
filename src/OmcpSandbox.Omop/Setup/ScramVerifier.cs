using System.Security.Cryptography;
using System.Text;

namespace OmcpSandbox.Omop.Setup;

/// <summary>
/// Computes a SCRAM-SHA-256 password verifier in the form PostgreSQL stores (RFC 7677, PostgreSQL 15 manual section
/// 21.5), so that CREATE ROLE ... PASSWORD carries the verifier and the password itself never reaches the server or
/// its statement log.
/// </summary>
internal static class ScramVerifier
{
    private const int Iterations = 4096;

    /// <exception cref="ArgumentException">The password is not printable ASCII, which needs SASLprep normalisation.</exception>
    public static string Compute(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        foreach (var c in password)
        {
            if (c is < ' ' or > '~')
            {
                // NOTE: PostgreSQL applies SASLprep to non-ASCII passwords; this code does not, so it rejects them.
                throw new ArgumentException(
                    "The reader password must be printable ASCII; choose another OMOP_DB_PASSWORD.", nameof(password));
            }
        }

        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
