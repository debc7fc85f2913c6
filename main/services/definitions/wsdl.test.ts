import { describe, expect, it } from 'vitest';
import { looksLikeXml, readWsdl } from './wsdl.js';

const calculator = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="Calculator"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:tns="urn:calc" targetNamespace="urn:calc">
  <wsdl:portType name="CalculatorPort">
    <wsdl:operation name="Add"><wsdl:documentation>Adds two numbers</wsdl:documentation></wsdl:operation>
    <wsdl:operation name="Subtract"/>
  </wsdl:portType>
  <wsdl:binding name="CalculatorBinding" type="tns:CalculatorPort">
    <wsdl:operation name="Add"/>
  </wsdl:binding>
  <wsdl:service name="CalculatorService">
    <wsdl:port name="CalculatorSoap" binding="tns:CalculatorBinding">
      <soap:address location="http://calc.example.com/soap"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>`;

describe('readWsdl', () => {
  it('reads portType operations as POST /<operation>, the name and the SOAP address', () => {
    expect(readWsdl(calculator)).toEqual({
      ok: true,
      info: {
        format: 'wsdl',
        title: 'Calculator',
        version: null,
        endpoint: 'http://calc.example.com/soap',
        operations: [
          { method: 'POST', target: '/Add', summary: 'Adds two numbers' },
          { method: 'POST', target: '/Subtract' },
        ],
      },
    });
  });

  it('falls back to the service name when definitions has none', () => {
    const result = readWsdl(calculator.replace('name="Calculator"', ''));
    expect(result.ok && result.info.title).toBe('CalculatorService');
  });

  it('reports malformed XML with its line', () => {
    const result = readWsdl('<definitions>\n  <portType>\n</definitions>');
    expect(result).toMatchObject({
      ok: false,
      error: { line: 3, message: expect.stringContaining("Expected closing tag 'portType'") },
    });
  });

  it('refuses WSDL 2.0 and other XML, saying what is expected', () => {
    expect(readWsdl('<description xmlns="http://www.w3.org/ns/wsdl"/>')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('WSDL 2.0') },
    });
    expect(readWsdl('<note>hi</note>')).toMatchObject({
      ok: false,
      error: { message: 'expected a WSDL 1.1 <definitions> root element' },
    });
  });

  it('tells XML from other text', () => {
    expect(looksLikeXml('\uFEFF<?xml version="1.0"?><a/>')).toBe(true);
    expect(looksLikeXml('openapi: 3.0.0')).toBe(false);
  });
});
