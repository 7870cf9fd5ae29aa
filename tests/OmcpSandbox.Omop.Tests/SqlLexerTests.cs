using OmcpSandbox.Omop.Sql;

namespace OmcpSandbox.Omop.Tests;

public sealed class SqlLexerTests
{
    [Fact]
    public void Tokenize_DoubledQuotes_StayInsideLiteral()
    {
        var tokens = SqlLexer.Tokenize("SELECT 'it''s; --' AS \"a \"\"b\"\"\"");

        Assert.Equal(4, tokens.Count);
        Assert.Equal(SqlTokenKind.String, tokens[1].Kind);
        Assert.Equal("it's; --", tokens[1].Value);
        Assert.Equal(SqlTokenKind.QuotedIdentifier, tokens[3].Kind);
        Assert.Equal("a \"b\"", tokens[3].Value);
    }

    [Fact]
    public void Tokenize_Backslash_IsOrdinaryInStandardString()
    {
        var tokens = SqlLexer.Tokenize("SELECT '\\'; DELETE");

        Assert.Equal("\\", tokens[1].Value);
        Assert.True(tokens[2].IsSymbol(";"));
        Assert.True(tokens[3].IsWord("delete"));
    }

    [Fact]
    public void Tokenize_NestedBlockComment_IsOneToken()
    {
        var tokens = SqlLexer.Tokenize("SELECT /* a /* b */ c */ 1");

        Assert.Equal(3, tokens.Count);
        Assert.Equal(SqlTokenKind.Comment, tokens[1].Kind);
        Assert.Equal("/* a /* b */ c */", tokens[1].Text);
    }

    [Fact]
    public void Tokenize_UnquotedNames_AreFoldedToLowerCase()
    {
        var tokens = SqlLexer.Tokenize("SeLeCt Person_ID FROM \"Person\"");

        Assert.Equal("select", tokens[0].Value);
        Assert.Equal("person_id", tokens[1].Value);
        Assert.Equal("Person", tokens[3].Value);
    }

    [Theory]
    [InlineData("E'x'", SqlTokenKind.EscapeString)]
    [InlineData("e'\\''", SqlTokenKind.EscapeString)]
    [InlineData("U&'x'", SqlTokenKind.UnicodeEscape)]
    [InlineData("u&\"x\"", SqlTokenKind.UnicodeEscape)]
    [InlineData("$$x$$", SqlTokenKind.DollarQuoted)]
    [InlineData("$tag$ $$ $tag$", SqlTokenKind.DollarQuoted)]
    [InlineData("$12", SqlTokenKind.Parameter)]
    [InlineData("B'1010'", SqlTokenKind.String)]
    [InlineData("1.5e-3", SqlTokenKind.Number)]
    [InlineData(".5", SqlTokenKind.Number)]
    [InlineData("-- note", SqlTokenKind.Comment)]
    public void Tokenize_SpecialForm_HasItsKind(string text, SqlTokenKind kind)
    {
        var token = Assert.Single(SqlLexer.Tokenize(text));

        Assert.Equal(kind, token.Kind);
        Assert.Equal(text, token.Text);
    }

    [Theory]
    [InlineData("=-1", new[] { "=", "-", "1" })]
    [InlineData("a<>b", new[] { "a", "<>", "b" })]
    [InlineData("x::int", new[] { "x", "::", "int" })]
    [InlineData("a+--b", new[] { "a", "+", "--b" })]
    [InlineData("a@-1", new[] { "a", "@-", "1" })]
    public void Tokenize_Operators_SplitLikePostgres(string text, string[] expected)
    {
        Assert.Equal(expected, SqlLexer.Tokenize(text).Select(token => token.Text));
    }

    [Theory]
    [InlineData("SELECT 'open")]
    [InlineData("SELECT \"open")]
    [InlineData("SELECT /* open")]
    [InlineData("SELECT $a$ open")]
    [InlineData("SELECT \"\"")]
    [InlineData("SELECT \\")]
    public void Tokenize_Malformed_IsRejected(string text)
    {
        var rejection = Assert.Throws<SqlPolicyException>(() => SqlLexer.Tokenize(text));

        Assert.Equal(SqlRejectionReason.Malformed, rejection.Reason);
    }
}
