// Starts Swagger UI on /api/docs; kept in a file so the page needs no inline script.
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
