package dev.auscult.server.store;

import java.util.List;

/** One page of the device table: its devices, how many match in all, which page of how many. */
public record DevicePage(List<Device> devices, int total, int page, int pages) {
}
