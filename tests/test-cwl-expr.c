/* test-cwl-expr.c - parameter references: parsing, evaluation, JavaScript
 * rejected. */
#include <criterion/criterion.h>
#include <string.h>

#include "cwl_expr.h"
#include "error.h"

/* The values references see, from YAML text. */
typedef struct fixture {
    arena memory;
    ydoc *doc;
    json_value *inputs;
    json_value *self;
    json_value *runtime;
} fixture;

static void fixture_init(fixture *f)
{
    static const char text[] =
        "inputs:\n"
        "  n: 5\n"
        "  f: 0.1\n"
        "  small: 1.0e-05\n"
        "  name: sample A\n"
        "  flag: true\n"
        "  nothing: null\n"
        "  list: [a, b, c]\n"
        "  'odd key': odd\n"
        "  obj: {b: 1, a: [1, 2], c: \"\\u00e9\"}\n"
        "  file: {class: File, path: /data/x.txt, basename: x.txt}\n"
        "self: [{contents: \"hello\\n\"}]\n"
        "runtime: {outdir: /out, cores: 2}\n";
    json_value *root;

    memset(f, 0, sizeof *f);
    f->doc = ydoc_load_string("values.yml", text, strlen(text));
    cr_assert_not_null(f->doc, "%s", error_message());
    cr_assert_eq(json_from_ynode(&f->memory, f->doc, ydoc_root(f->doc), &root), 0);
    f->inputs = json_get(root, "inputs");
    f->self = json_get(root, "self");
    f->runtime = json_get(root, "runtime");
}

static void fixture_release(fixture *f)
{
    arena_release(&f->memory);
    ydoc_free(f->doc);
}

static json_value *evaluate(fixture *f, const char *text)
{
    cwl_expr_context context = {f->inputs, f->self, f->runtime};
    cwl_template *template;
    json_value *value;

    cr_assert_eq(cwl_template_parse(&f->memory, text, 0, NULL, NULL, &template), 0,
                 "%s: %s", text, error_message());
    cr_assert_eq(cwl_template_eval(&f->memory, template, &context, &value), 0,
                 "%s: %s", text, error_message());
    return value;
}

static void expect_text(fixture *f, const char *text, const char *expected)
{
    json_value *value = evaluate(f, text);

    cr_assert_eq(value->kind, JSON_STRING, "%s gave a %s", text, json_kind_name(value));
    cr_expect_str_eq(value->string, expected, "%s", text);
}

Test(cwl_expr, whole_reference_keeps_type)
{
    fixture f;
    json_value *value;

    fixture_init(&f);
    value = evaluate(&f, "$(inputs.n)");
    cr_assert_eq(value->kind, JSON_INT);
    cr_assert_eq(value->integer, 5);
    value = evaluate(&f, "  $(inputs.list)\n");
    cr_assert_eq(value->kind, JSON_ARRAY);
    cr_assert_eq(value->count, 3);
    value = evaluate(&f, "$(inputs.nothing)");
    cr_assert_eq(value->kind, JSON_NULL);
    fixture_release(&f);
}

Test(cwl_expr, interpolation)
{
    fixture f;

    fixture_init(&f);
    expect_text(&f, "n=$(inputs.n)", "n=5");
    expect_text(&f, "$(inputs.f)/$(inputs.small)", "0.1/1e-05");
    expect_text(&f, "[$(inputs.name)]", "[sample A]");
    expect_text(&f, "$(inputs.flag) $(inputs.nothing)", "true null");
    expect_text(&f, "x$(inputs.list)", "x[\"a\", \"b\", \"c\"]");
    expect_text(&f, "o=$(inputs.obj)", "o={\"a\": [1, 2], \"b\": 1, \"c\": \"\\u00e9\"}");
    fixture_release(&f);
}

Test(cwl_expr, segments)
{
    fixture f;

    fixture_init(&f);
    expect_text(&f, "$(self[0].contents)", "hello\n");
    expect_text(&f, "$(inputs['odd key'])", "odd");
    expect_text(&f, "$(inputs[\"name\"])", "sample A");
    expect_text(&f, "$(inputs.list[2])", "c");
    expect_text(&f, "$(inputs.file.basename)", "x.txt");
    expect_text(&f, "$(runtime.outdir)/a", "/out/a");
    cr_assert_eq(evaluate(&f, "$(inputs.list.length)")->integer, 3);
    fixture_release(&f);
}

Test(cwl_expr, escapes_and_whitespace)
{
    fixture f;

    fixture_init(&f);
    expect_text(&f, "\\$(inputs.n) is $(inputs.n)", "$(inputs.n) is 5");
    expect_text(&f, "a\\\\b $(inputs.n)", "a\\b 5");
    expect_text(&f, "c:\\d $(inputs.n)", "c:\\d 5");
    expect_text(&f, "  keep \\ spaces  ", "  keep \\ spaces  ");
    expect_text(&f, "  $(inputs.n) x  ", "5 x");
    fixture_release(&f);
}

Test(cwl_expr, v1_0_escapes)
{
    fixture f;
    cwl_expr_context context;
    cwl_template *template;
    json_value *value;

    fixture_init(&f);
    context = (cwl_expr_context){f.inputs, f.self, f.runtime};
    cr_assert_eq(cwl_template_parse(&f.memory, "c:\\d $(inputs.n)", 1, NULL, NULL,
                                    &template), 0);
    cr_assert_eq(cwl_template_eval(&f.memory, template, &context, &value), 0);
    cr_assert_str_eq(value->string, "c:d 5");
    fixture_release(&f);
}

Test(cwl_expr, javascript_unsupported)
{
    static const char *const scripts[] = {
        "$(inputs.n + 1)", "${return 1;}", "$(Math.max(1, 2))", "x ${ y }",
        "$(inputs.list.map(function(x){return x;}))", "$(foo.bar)", "$(inputs.n",
    };
    static const char text[] = "valueFrom: x\n";
    ydoc *doc = ydoc_load_string("tool.cwl", text, strlen(text));
    arena memory = ARENA_INIT;

    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        cwl_template *template;

        cr_expect_eq(cwl_template_parse(&memory, scripts[i], 0, doc,
                                        ynode_get(ydoc_root(doc), "valueFrom"),
                                        &template),
                     CWL_UNSUPPORTED, "%s", scripts[i]);
        cr_expect(strstr(error_message(), "tool.cwl:1:12: JavaScript"), "%s",
                  error_message());
    }
    arena_release(&memory);
    ydoc_free(doc);
}

Test(cwl_expr, evaluation_errors)
{
    static const char *const bad[] = {
        "$(inputs.missing)", "$(inputs.nothing.x)", "$(inputs.list[3])",
        "$(inputs.n.x)", "$(self[1].contents)",
    };
    fixture f;

    fixture_init(&f);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cwl_expr_context context = {f.inputs, f.self, f.runtime};
        cwl_template *template;
        json_value *value;

        cr_assert_eq(cwl_template_parse(&f.memory, bad[i], 0, NULL, NULL, &template), 0);
        cr_expect_eq(cwl_template_eval(&f.memory, template, &context, &value),
                     CWL_ERROR, "%s", bad[i]);
        cr_expect(strstr(error_message(), bad[i]), "%s: %s", bad[i], error_message());
    }
    fixture_release(&f);
}

Test(cwl_expr, null_and_length)
{
    fixture f;
    cwl_expr_context context;
    cwl_template *template;
    json_value *value;

    fixture_init(&f);
    cr_assert_eq(evaluate(&f, "$(null)")->kind, JSON_NULL);
    expect_text(&f, "x$(null)", "xnull");
    context = (cwl_expr_context){f.inputs, f.self, f.runtime};
    cr_assert_eq(cwl_template_parse(&f.memory, "$(inputs.list.length.x)", 0, NULL, NULL,
                                    &template), 0);
    cr_assert_eq(cwl_template_eval(&f.memory, template, &context, &value), CWL_ERROR,
                 "length is only the last segment");
    fixture_release(&f);
}

Test(cwl_expr, literal_text)
{
    fixture f;
    cwl_template *template;

    fixture_init(&f);
    cr_assert_eq(cwl_template_parse(&f.memory, "plain $HOME text", 0, NULL, NULL,
                                    &template), 0);
    cr_assert(cwl_template_is_literal(template));
    expect_text(&f, "plain $HOME text", "plain $HOME text");
    fixture_release(&f);
}
