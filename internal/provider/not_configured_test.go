package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Every operation of every type, called before the provider has a client (its
// values are unknown until apply), stops with the same error instead of
// panicking on a nil client.
func TestOperationsWithoutClientSayProviderNotConfigured(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	const want = "Provider not configured"
	check := func(t *testing.T, what string, diags diag.Diagnostics) {
		t.Helper()
		for _, d := range diags {
			if d.Severity() == diag.SeverityError && d.Summary() == want {
				return
			}
		}
		t.Errorf("%s: diagnostics %v, want the error %q", what, diags, want)
	}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "mongodbatlas"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			r.(resource.ResourceWithConfigure).Configure(ctx, resource.ConfigureRequest{}, &resource.ConfigureResponse{})
			var create resource.CreateResponse
			r.Create(ctx, resource.CreateRequest{}, &create)
			check(t, "create", create.Diagnostics)
			var read resource.ReadResponse
			r.Read(ctx, resource.ReadRequest{}, &read)
			check(t, "read", read.Diagnostics)
			var update resource.UpdateResponse
			r.Update(ctx, resource.UpdateRequest{}, &update)
			check(t, "update", update.Diagnostics)
			var del resource.DeleteResponse
			r.Delete(ctx, resource.DeleteRequest{}, &del)
			check(t, "delete", del.Diagnostics)
		})
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "mongodbatlas"}, &meta)
		t.Run("data."+meta.TypeName, func(t *testing.T) {
			d.(datasource.DataSourceWithConfigure).Configure(ctx, datasource.ConfigureRequest{}, &datasource.ConfigureResponse{})
			var read datasource.ReadResponse
			d.Read(ctx, datasource.ReadRequest{}, &read)
			check(t, "read", read.Diagnostics)
		})
	}
	for _, newList := range p.(provider.ProviderWithListResources).ListResources(ctx) {
		l := newList()
		var meta resource.MetadataResponse
		l.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "mongodbatlas"}, &meta)
		t.Run("list."+meta.TypeName, func(t *testing.T) {
			l.(list.ListResourceWithConfigure).Configure(ctx, resource.ConfigureRequest{}, &resource.ConfigureResponse{})
			var stream list.ListResultsStream
			l.List(ctx, list.ListRequest{}, &stream)
			var diags diag.Diagnostics
			for result := range stream.Results {
				diags.Append(result.Diagnostics...)
			}
			check(t, "list", diags)
		})
	}
}
