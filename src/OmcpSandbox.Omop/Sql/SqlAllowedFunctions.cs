using System.Collections.Frozen;

namespace OmcpSandbox.Omop.Sql;

/// <summary>
/// The functions a policy-checked query may call. It is an allow-list because PostgreSQL keeps adding functions that a
/// plain SELECT can call and that write, sleep, lock, signal other sessions or read server files.
/// </summary>
public static class SqlAllowedFunctions
{
    /// <summary>Gets the allowed function names, in lower case; a schema qualifier may only be <c>pg_catalog</c>.</summary>
    public static FrozenSet<string> Names { get; } = new[]
    {
        // Aggregates.
        "count", "sum", "avg", "min", "max", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
        "bool_and", "bool_or", "every", "string_agg", "array_agg", "json_agg", "jsonb_agg", "json_object_agg",
        "jsonb_object_agg", "percentile_cont", "percentile_disc", "mode", "corr", "covar_pop", "covar_samp",
        "regr_slope", "regr_intercept", "regr_r2", "regr_count", "regr_avgx", "regr_avgy", "regr_sxx", "regr_syy",
        "regr_sxy", "bit_and", "bit_or",

        // Window functions.
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
        "last_value", "nth_value",

        // Conditional expressions that parse like calls.
        "coalesce", "nullif", "greatest", "least",

        // Mathematics.
        "abs", "ceil", "ceiling", "floor", "round", "trunc", "sign", "sqrt", "cbrt", "power", "pow", "exp", "ln", "log",
        "log10", "mod", "div", "width_bucket", "pi", "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan",
        "atan2", "scale",

        // Strings.
        "length", "char_length", "character_length", "octet_length", "lower", "upper", "initcap", "trim", "btrim",
        "ltrim", "rtrim", "substring", "substr", "position", "strpos", "replace", "concat", "concat_ws", "left", "right",
        "lpad", "rpad", "reverse", "split_part", "translate", "starts_with", "overlay", "ascii", "chr",
        "regexp_replace", "regexp_match", "regexp_matches", "regexp_split_to_array", "string_to_array",
        "array_to_string", "format", "md5",

        // Formatting and dates.
        "to_char", "to_number", "to_date", "to_timestamp", "now", "date_part", "date_trunc", "extract", "age",
        "make_date", "make_timestamp", "make_interval", "justify_days", "justify_hours", "justify_interval", "isfinite",
        "date_bin",

        // JSON builders and inspection.
        "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array", "to_json", "to_jsonb",
        "row_to_json", "array_to_json", "json_object", "jsonb_object", "jsonb_pretty", "json_typeof", "jsonb_typeof",
        "json_array_length", "jsonb_array_length",

        // Arrays.
        "array_length", "cardinality", "unnest", "array_position", "array_remove", "array_append", "array_cat",
        "array_upper", "array_lower",

        // Casts written as calls, such as int4(x) or date(x).
        "cast", "text", "date", "int", "int2", "int4", "int8", "integer", "smallint", "bigint", "numeric", "float4",
        "float8", "bool", "varchar",
    }.ToFrozenSet(StringComparer.Ordinal);
}
