# One image for every role: Lector.Silo.dll (the entry point) runs a silo, App__Role=silo, or a silo with the web
# front, the default; Lector.Front.dll runs the web front alone (App__Role=front), without the grains.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Silo/Silo.csproj -c Release -o /app --nologo \
    && dotnet publish src/Front/Front.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# espeak-ng and Festival (with its HTS voice) are the local speech engines, lame their MP3 encoder; ffmpeg builds
# exports; curl serves the health checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends espeak-ng festival festvox-us-slt-hts lame ffmpeg curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080 11111 30000
HEALTHCHECK --interval=10s --timeout=5s --retries=6 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Lector.Silo.dll"]
