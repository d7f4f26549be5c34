/* point_json.c - a parameter set as one JSON line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "dict.h"
#include "error.h"
#include "point_json.h"

/* Room for the line's start with two 20-digit numbers. */
#define HEAD_ROOM 96

/* Writes the JSON text that goes before target t's value, opening quote
 * included. */
static int fragment_for(const space *s, size_t t, strbuf *out)
{
    const space_target *target = &s->targets[t];
    int new_step = t == 0 || strcmp(s->targets[t - 1].step, target->step) != 0;

    if (t > 0)
        strbuf_puts(out, new_step ? "\"}, " : "\", ");
    if (new_step) {
        strbuf_put_json_string(out, target->step);
        strbuf_puts(out, ": {");
    }
    strbuf_put_json_string(out, target->input);
    return strbuf_puts(out, ": \"");
}

static int allocate_scratch(point_json *writer, const space *s)
{
    size_t dims = s->dim_count + 1;
    size_t targets = s->target_count + 1;

    writer->fragments = calloc(targets, sizeof *writer->fragments);
    writer->fragment_lengths = calloc(targets, sizeof *writer->fragment_lengths);
    writer->dim_texts = calloc(dims, sizeof *writer->dim_texts);
    writer->dim_lengths = calloc(dims, sizeof *writer->dim_lengths);
    writer->dim_plain = calloc(dims, sizeof *writer->dim_plain);
    writer->target_texts = calloc(targets, sizeof *writer->target_texts);
    writer->target_lengths = calloc(targets, sizeof *writer->target_lengths);
    writer->maxima = calloc(targets, sizeof *writer->maxima);
    if (!writer->fragments || !writer->fragment_lengths ||
        !writer->dim_texts || !writer->dim_lengths || !writer->dim_plain ||
        !writer->target_texts || !writer->target_lengths || !writer->maxima)
        return error_nomem();
    return 0;
}

int point_json_init(point_json *writer, space *s)
{
    memset(writer, 0, sizeof *writer);
    writer->space = s;
    writer->tail = s->target_count ? "\"}}}\n" : "}}\n";
    writer->tail_length = strlen(writer->tail);
    writer->fixed_length = writer->tail_length;
    if (allocate_scratch(writer, s) < 0)
        goto fail;

    for (size_t t = 0; t < s->target_count; t++) {
        strbuf fragment = STRBUF_INIT;

        if (fragment_for(s, t, &fragment) < 0) {
            strbuf_release(&fragment);
            goto fail;
        }
        writer->fragment_lengths[t] = fragment.length;
        writer->fixed_length += fragment.length;
        writer->fragments[t] = strbuf_detach(&fragment);
    }
    return 0;

fail:
    point_json_release(writer);
    return -1;
}

void point_json_release(point_json *writer)
{
    if (writer->fragments) {
        for (size_t t = 0; t < writer->space->target_count; t++)
            free(writer->fragments[t]);
    }
    free(writer->fragments);
    free(writer->fragment_lengths);
    free(writer->dim_texts);
    free(writer->dim_lengths);
    free(writer->dim_plain);
    free(writer->target_texts);
    free(writer->target_lengths);
    free(writer->maxima);
    memset(writer, 0, sizeof *writer);
}

/* Copies length bytes to the end of out, whose room the caller reserved. */
static void put(strbuf *out, const char *bytes, size_t length)
{
    bytes_copy(out->data + out->length, bytes, length);
    out->length += length;
}

/* Writes value in decimal into digits; returns the number of digits. */
static size_t format_count(uint64_t value, char digits[24])
{
    char reversed[24];
    size_t count = 0;

    do {
        reversed[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    for (size_t i = 0; i < count; i++)
        digits[i] = reversed[count - 1 - i];
    return count;
}

/* Adds one to the decimal number in digits[0..*length). */
static void count_up(char digits[24], size_t *length)
{
    size_t i = *length;

    while (i > 0 && digits[i - 1] == '9')
        digits[--i] = '0';
    if (i > 0) {
        digits[i - 1]++;
        return;
    }
    memmove(digits + 1, digits, *length);
    digits[0] = '1';
    (*length)++;
}

/* Writes the batch number, counting up from the last one when it follows
 * it, which is cheaper than converting it again. */
static void put_batch(point_json *writer, strbuf *out, uint64_t batch)
{
    if (writer->batch_length > 0 && batch == writer->batch + 1)
        count_up(writer->batch_digits, &writer->batch_length);
    else if (writer->batch_length == 0 || batch != writer->batch)
        writer->batch_length = format_count(batch, writer->batch_digits);
    writer->batch = batch;
    put(out, writer->batch_digits, writer->batch_length);
}

/* Writes value in decimal to the end of out (room reserved). */
static void put_count(strbuf *out, uint64_t value)
{
    char digits[24];

    put(out, digits, format_count(value, digits));
}

/* Returns whether text needs no JSON escape, as a number never does. */
static int is_plain(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];

        if (c < 0x20 || c == '"' || c == '\\')
            return 0;
    }
    return 1;
}

/*
 * Finds the text of every target for point; several targets may share a
 * dimension's text.  Stores the total length of
 * the texts in *total and returns whether all of them are plain, or -1
 * with an error message.
 */
static int collect_texts(point_json *writer, const saber_dict *point,
                         const size_t *positions, size_t *total)
{
    space *s = writer->space;
    int plain = 1;

    for (size_t d = 0; d < s->dim_count; d++) {
        size_t at = positions[d];

        writer->dim_texts[d] = dict_text_at(point, at);
        writer->dim_lengths[d] = dict_text_length_at(point, at);
        /* Only text can need an escape: numbers, True and None never do. */
        writer->dim_plain[d] = dict_type_at(point, at) != SABER_VALUE_TEXT ||
                               is_plain(writer->dim_texts[d],
                                        writer->dim_lengths[d]);
    }

    *total = 0;
    for (size_t t = 0; t < s->target_count; t++) {
        const space_target *target = &s->targets[t];
        const char *text = writer->dim_texts[target->dim];
        size_t length = writer->dim_lengths[target->dim];

        plain = plain && writer->dim_plain[target->dim];
        if (target->role == ROLE_MAX) {
            text = space_target_text(s, point, t, writer->maxima[t]);
            if (!text)
                return -1;
            length = strlen(text);
            plain = plain && is_plain(text, length);
        }
        writer->target_texts[t] = text;
        writer->target_lengths[t] = length;
        *total += length;
    }
    return plain;
}

/* Appends the targets' fragments and texts, escaping the texts. */
static int append_escaped(const point_json *writer, strbuf *out)
{
    for (size_t t = 0; t < writer->space->target_count; t++) {
        if (strbuf_append(out, writer->fragments[t],
                          writer->fragment_lengths[t]) < 0 ||
            strbuf_put_json_chars(out, writer->target_texts[t]) < 0)
            return -1;
    }
    return strbuf_append(out, writer->tail, writer->tail_length);
}

int point_json_append(point_json *writer, strbuf *out, uint64_t batch,
                      uint64_t index, const saber_dict *point,
                      const size_t *positions)
{
    size_t total = 0;
    int plain = collect_texts(writer, point, positions, &total);

    if (plain < 0 || strbuf_reserve(out, HEAD_ROOM) < 0)
        return -1;
    put(out, "{\"batch\": ", 10);
    put_batch(writer, out, batch);
    put(out, ", \"index\": ", 11);
    put_count(out, index);
    put(out, ", \"steps\": {", 12);
    if (!plain)
        return append_escaped(writer, out);

    /* Plain texts: one reservation, then straight copies. */
    if (strbuf_reserve(out, writer->fixed_length + total) < 0)
        return -1;
    for (size_t t = 0; t < writer->space->target_count; t++) {
        put(out, writer->fragments[t], writer->fragment_lengths[t]);
        put(out, writer->target_texts[t], writer->target_lengths[t]);
    }
    put(out, writer->tail, writer->tail_length);
    out->data[out->length] = '\0';
    return 0;
}
