# The assay image: Debian slim, libcurl (assay opens it at run time) and the static binaries that
# `make dist` packs; nothing is compiled here. Build it from the dist folder:
#
#   make dist
#   docker build -t assay:0.1.0 -f Dockerfile .build/dist
#   docker run --rm -v "$PWD:/work" assay:0.1.0 run Suites --target https://api.example.com
#
# A test (DistTests) checks that every file named here is one `make dist` produces.
FROM debian:bookworm-slim
ARG VERSION=0.1.0
ARG ARCH=x86_64
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# ADD unpacks a local tarball: /opt/assay-VERSION-linux-ARCH/{bin,share}.
ADD assay-${VERSION}-linux-${ARCH}.tar.gz /opt/
RUN ln -s /opt/assay-${VERSION}-linux-${ARCH}/bin/assay /usr/local/bin/assay \
 && ln -s /opt/assay-${VERSION}-linux-${ARCH}/bin/assay-target /usr/local/bin/assay-target \
 && ln -s /opt/assay-${VERSION}-linux-${ARCH}/share/assay /usr/local/share/assay
WORKDIR /work
ENTRYPOINT ["assay"]
CMD ["--help"]
