/* point_json.c - a parameter set as one JSON line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "point_json.h"

static int fragment_for(const space *s, size_t t, strbuf *out)
{
    const space_target *target = &s->targets[t];
    int new_step = t == 0 || strcmp(s->targets[t - 1].step, target->step) != 0;

    if (t > 0)
        strbuf_puts(out, new_step ? "}, " : ", ");
    if (new_step) {
        strbuf_put_json_string(out, target->step);
        strbuf_puts(out, ": {");
    }
    strbuf_put_json_string(out, target->input);
    return strbuf_puts(out, ": ");
}

int point_json_init(point_json *writer, space *s)
{
    writer->space = s;
    writer->tail = s->target_count ? "}}}\n" : "}}\n";
    writer->fragments = calloc(s->target_count + 1, sizeof *writer->fragments);
    if (!writer->fragments)
        return error_nomem();

    for (size_t t = 0; t < s->target_count; t++) {
        strbuf fragment = STRBUF_INIT;

        if (fragment_for(s, t, &fragment) < 0) {
            strbuf_release(&fragment);
            point_json_release(writer);
            return -1;
        }
        writer->fragments[t] = strbuf_detach(&fragment);
    }
    return 0;
}

void point_json_release(point_json *writer)
{
    if (writer->fragments) {
        for (size_t t = 0; t < writer->space->target_count; t++)
            free(writer->fragments[t]);
    }
    free(writer->fragments);
    writer->fragments = NULL;
}

/* Appends text as a JSON string, copying it whole when nothing needs an
 * escape, which is the case for numbers. */
static int append_value(strbuf *out, const char *text)
{
    size_t length = 0;

    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == '"' || *p == '\\')
            return strbuf_put_json_string(out, text);
        length++;
    }
    if (strbuf_reserve(out, length + 2) < 0)
        return -1;
    out->data[out->length++] = '"';
    memcpy(out->data + out->length, text, length);
    out->length += length;
    out->data[out->length++] = '"';
    out->data[out->length] = '\0';
    return 0;
}

static void append_count(strbuf *out, uint64_t value)
{
    char digits[24];
    size_t n = sizeof digits;

    do {
        digits[--n] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    strbuf_append(out, digits + n, sizeof digits - n);
}

int point_json_append(point_json *writer, strbuf *out, uint64_t batch,
                      uint64_t index, const saber_dict *point)
{
    space *s = writer->space;
    char scratch[PYFLOAT_REPR_SIZE];

    strbuf_puts(out, "{\"batch\": ");
    append_count(out, batch);
    strbuf_puts(out, ", \"index\": ");
    append_count(out, index);
    strbuf_puts(out, ", \"steps\": {");

    for (size_t t = 0; t < s->target_count; t++) {
        const char *text = space_target_text(s, point, t, scratch);

        if (!text)
            return -1;
        strbuf_puts(out, writer->fragments[t]);
        if (append_value(out, text) < 0)
            return -1;
    }
    return strbuf_puts(out, writer->tail);
}
