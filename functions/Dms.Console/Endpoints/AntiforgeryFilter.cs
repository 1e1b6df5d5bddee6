using Dms.Console.Internal;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Endpoints;

/// <summary>Every console form post carries the antiforgery token; one without it is refused (400) before anything runs.</summary>
internal static class AntiforgeryFilter
{
    public static TBuilder ValidateAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(SimplePages.Message("Form expired", "The form was missing its security token (or it expired). Nothing was changed; go back, reload the page and try again.", "/console"));
                return Results.Empty;
            }

            return await next(context);
        });
}
