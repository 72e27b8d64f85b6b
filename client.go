// Package multicloud is one Go client for JD Cloud, Volcengine and QingCloud.
//
// The core client signs, sends, retries, rate-limits and decodes requests for
// the provider packages jdcloud, volcengine and qingcloud, whose typed service
// packages are what most programs use.
package multicloud
