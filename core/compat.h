/* compat.h - compiler attributes shared by the core. */
#ifndef SABER_COMPAT_H
#define SABER_COMPAT_H

#if defined(__GNUC__) || defined(__clang__)
#define SABER_FORMAT(fmt, first) __attribute__((format(printf, fmt, first)))
#define SABER_NORETURN __attribute__((noreturn))
#else
#define SABER_FORMAT(fmt, first)
#define SABER_NORETURN
#endif

#define SABER_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
