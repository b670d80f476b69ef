/**
 * The CDI integration: a portable extension that finds guarded methods, reads their parameters through
 * MicroProfile Config, validates them and builds one pipeline per (bean class, method), and the interceptor that
 * runs those pipelines.
 */
package dev.breakwater.cdi;
